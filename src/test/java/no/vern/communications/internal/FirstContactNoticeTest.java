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

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
