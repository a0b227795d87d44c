package no.vern.communications.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import no.vern.communications.MailingList;
import no.vern.informing.SourceNotice;
import no.vern.informing.SourceNotices;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.shared.SubjectId;

/**
 * GDPR Art. 14(3)(b) (issue 26): when the data is used to communicate with the person, the Art. 14 notice is given at
 * the latest at that first contact. List mail to a person whose notice is still owed sends the notice first, once.
 */
class FirstContactNoticeTest extends CommunicationsTestSupport {

    static final String NOTICE_NB = "Hvor vi fikk opplysningene dine fra";

    @Autowired
    SourceNotices notices;

    /** A customer's contact whose details the customer gave us (not the person): an Art. 14 notice is owed. */
    SubjectId fromACustomer(String name, String email) {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), SOFT_OPT_IN,
                Source.CUSTOMER, null, PersonalData.contact(name, email, null)));
    }

    @Test
    void listMailToAPersonWithAnOwedNoticeSendsTheNoticeFirstAndOnlyOnce() throws Exception {
        String email = uniqueEmail();
        SubjectId person = fromACustomer("Kari Kontakt", email);
        assertThat(notices.of(person)).singleElement().extracting(SourceNotice::state)
                .isEqualTo(SourceNotice.State.SCHEDULED);
        MailingList list = newsletter();
        queued(list);

        sender.sendDue();

        List<MimeMessage> received = mailTo(email);
        assertThat(received).extracting(FirstContactNoticeTest::subject).hasSize(2);
        assertThat(subject(received.get(0))).startsWith(NOTICE_NB);
        assertThat(subject(received.get(1))).startsWith("Nytt fra oss");
        SourceNotice told = notices.of(person).get(0);
        assertThat(told.state()).isEqualTo(SourceNotice.State.SENT);
        assertThat(told.sentAt()).isNotNull();

        queued(list);
        sender.sendDue();
        assertThat(mailTo(email)).extracting(FirstContactNoticeTest::subject).filteredOn(s -> s.startsWith(NOTICE_NB))
                .as("told once").hasSize(1);
        assertThat(mailTo(email)).hasSize(3);
    }

    @Test
    void aPersonWhoGaveTheDataThemselvesGetsOnlyTheListMail() throws Exception {
        String email = uniqueEmail();
        reader("Selv Registrert", email, "nb");
        queued(newsletter());

        sender.sendDue();

        assertThat(mailTo(email)).extracting(FirstContactNoticeTest::subject).singleElement().asString()
                .startsWith("Nytt fra oss");
    }

    @Test
    void aBatchAsksTheInformingModuleOnceAndSendsTheNoticeOnlyToWhoIsOwedOne() throws Exception {
        // Art. 14(3)(b) as before, but one set-based question per batch instead of one call per recipient.
        String owedEmail = uniqueEmail();
        SubjectId owed = fromACustomer("Kari Kontakt", owedEmail);
        String selfEmail = uniqueEmail();
        SubjectId self = reader("Selv Registrert", selfEmail, "nb");
        String otherEmail = uniqueEmail();
        SubjectId other = reader("Annen Leser", otherEmail, "nb");
        CountingNotices counting = new CountingNotices(notices);
        org.springframework.beans.factory.support.StaticListableBeanFactory beans =
                new org.springframework.beans.factory.support.StaticListableBeanFactory();
        beans.addBean("sourceNotices", counting);
        CampaignSender batchSender = new CampaignSender(deliveries, campaigns, lists, audience, register, languages,
                messages, outgoing, properties, clock, beans.getBeanProvider(SourceNotices.class));
        queued(newsletter());

        int batches = 0;
        while (batchSender.sendBatch(50) > 0) {
            batches++;
        }

        assertThat(batches).isPositive();
        assertThat(counting.batchQuestions).as("one question per batch").isEqualTo(batches);
        assertThat(counting.askedAbout).contains(owed, self, other);
        assertThat(counting.toldBeforeContact).contains(owed).doesNotContain(self, other);
        List<MimeMessage> received = mailTo(owedEmail);
        assertThat(received).extracting(FirstContactNoticeTest::subject).hasSize(2);
        assertThat(subject(received.get(0))).startsWith(NOTICE_NB);
        assertThat(subject(received.get(1))).startsWith("Nytt fra oss");
        assertThat(mailTo(selfEmail)).extracting(FirstContactNoticeTest::subject).singleElement().asString()
                .startsWith("Nytt fra oss");
        assertThat(notices.of(owed)).singleElement().extracting(SourceNotice::state).isEqualTo(SourceNotice.State.SENT);
    }

    @Autowired
    Deliveries deliveries;
    @Autowired
    Campaigns campaigns;
    @Autowired
    MailingLists lists;
    @Autowired
    Languages languages;
    @Autowired
    ListMessages messages;
    @Autowired
    no.vern.shared.OutgoingMail outgoing;
    @Autowired
    CommunicationsProperties properties;
    @Autowired
    java.time.Clock clock;

    /** The real informing module, counting what the sender asks of it. */
    static final class CountingNotices implements SourceNotices {
        final SourceNotices real;
        int batchQuestions;
        final java.util.Set<SubjectId> askedAbout = new java.util.HashSet<>();
        final List<SubjectId> toldBeforeContact = new java.util.ArrayList<>();

        CountingNotices(SourceNotices real) {
            this.real = real;
        }

        @Override
        public java.util.Set<SubjectId> owedAmong(java.util.Collection<SubjectId> subjects) {
            batchQuestions++;
            askedAbout.addAll(subjects);
            return real.owedAmong(subjects);
        }

        @Override
        public boolean beforeFirstContact(SubjectId subject) {
            toldBeforeContact.add(subject);
            return real.beforeFirstContact(subject);
        }

        @Override
        public List<SourceNotice> of(SubjectId subject) {
            return real.of(subject);
        }

        @Override
        public List<SourceNotice> ofOrigin(String origin) {
            return real.ofOrigin(origin);
        }

        @Override
        public int exempt(SubjectId subject, no.vern.informing.Exemption exemption, String reason) {
            return real.exempt(subject, exemption, reason);
        }

        @Override
        public int exemptOrigin(String origin, no.vern.informing.Exemption exemption, String reason) {
            return real.exemptOrigin(origin, exemption, reason);
        }

        @Override
        public java.util.Optional<OriginExemption> originExemption(String origin) {
            return real.originExemption(origin);
        }

        @Override
        public int sendDue() {
            return real.sendDue();
        }

        @Override
        public Overview overview() {
            return real.overview();
        }
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
