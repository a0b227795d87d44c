package no.vern.informing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.ImportOptions;
import no.vern.register.ImportReport;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SourceNoticeStatus;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.support.MailTestSupport;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * GDPR Art. 14 (issue 26 item 4): people whose data came from an import are told within the configured delay, in
 * their language, from the record; an exemption with a reason sends nothing and shows on the subject.
 */
@VernTest
class SourceNoticesTest extends MailTestSupport {

    static final String PURPOSE = "customer-administration";
    static final Locale NB = Locale.forLanguageTag("nb");
    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final String SUBJECT_NB = "Hvor vi fikk opplysningene dine fra";
    static final String SUBJECT_EN = "Where we got your details from";

    @Autowired
    SubjectRegister register;
    @Autowired
    SourceNotices notices;
    @Autowired
    SourceNoticeStatus status;
    @Autowired
    ProcessingRecord record;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Imports customer contacts as a CRM exports them; each person is {@code email;language}. */
    private ImportReport importContacts(String... people) {
        StringBuilder csv = new StringBuilder("name;email;company;org_number;language\n");
        for (String person : people) {
            String[] parts = person.split(";");
            csv.append("Test Testesen;").append(parts[0]).append(";Kanarifugl AS;923609016;").append(parts[1]).append('\n');
        }
        ImportReport report = register.importCsv(csv.toString(), ImportOptions.customerContacts(false));
        assertThat(report.count(ImportReport.Status.VALID)).isEqualTo(people.length);
        return report;
    }

    private static SubjectId created(ImportReport report, int line) {
        SubjectId id = report.lines().get(line).subject();
        assertThat(id).isNotNull();
        return id;
    }

    private SourceNotice only(SubjectId subject) {
        List<SourceNotice> list = notices.of(subject);
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static String text(MimeMessage mail) {
        return body(mail).replace("\r\n", "\n");
    }

    @Test
    void aCsvImportOfCustomerContactsSchedulesANoticeForEveryoneItCreates() {
        Instant before = clock.instant();
        ImportReport report = importContacts(uniqueEmail() + ";nb", uniqueEmail() + ";en");

        assertThat(report.origin()).startsWith("import:");
        for (int line = 0; line < 2; line++) {
            SourceNotice notice = only(created(report, line));
            assertThat(notice.state()).isEqualTo(SourceNotice.State.SCHEDULED);
            assertThat(notice.source()).isEqualTo(Source.IMPORTED);
            assertThat(notice.origin()).isEqualTo(report.origin());
            assertThat(notice.purposeKey()).isEqualTo(PURPOSE);
            assertThat(notice.obtainedAt()).isBetween(before, clock.instant());
            // the default delay: seven days, well within the month of Art. 14(3)(a)
            assertThat(notice.sendAt()).isEqualTo(notice.obtainedAt().plus(Duration.ofDays(7)));
            assertThat(notice.deadline()).isEqualTo(SourceNoticeDeadlines.deadline(notice.obtainedAt()));
        }
        assertThat(only(created(report, 0)).language()).isEqualTo("nb");
        assertThat(only(created(report, 1)).language()).isEqualTo("en");
        assertThat(notices.ofOrigin(report.origin())).hasSize(2);
    }

    @Test
    void theNoticeArrivesWithinTheConfiguredDelayInThePersonsLanguage() throws Exception {
        String nb = uniqueEmail();
        String en = uniqueEmail();
        ImportReport report = importContacts(nb + ";nb", en + ";en");
        SubjectId nbPerson = created(report, 0);
        SubjectId enPerson = created(report, 1);

        notices.sendDue();
        assertThat(only(nbPerson).state()).as("not before the delay").isEqualTo(SourceNotice.State.SCHEDULED);

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        notices.sendDue();

        MimeMessage nbMail = awaitMail(nb, SUBJECT_NB);
        assertThat(text(nbMail)).contains(record.sourceNotice(PURPOSE, NB).text())
                .contains("Kanarifugl AS").contains("art. 14");
        assertThat(nbMail.getHeader("Content-Language")).containsExactly("nb");
        MimeMessage enMail = awaitMail(en, SUBJECT_EN);
        assertThat(text(enMail)).contains(record.sourceNotice(PURPOSE, Locale.ENGLISH).text())
                .contains("Kanarifugl AS").contains("Art. 14");
        assertThat(enMail.getHeader("Content-Language")).containsExactly("en");
        assertThat(mailTo(nb, SUBJECT_EN)).isEmpty();

        SourceNotice sent = only(nbPerson);
        assertThat(sent.state()).isEqualTo(SourceNotice.State.SENT);
        assertThat(sent.mailReference()).isNotNull();
        assertThat(sent.recordVersion()).isEqualTo(record.current().version());
        assertThat(only(enPerson).state()).isEqualTo(SourceNotice.State.SENT);

        // the register's subject page says when the person was told, from the stored notice
        String statement = status.statements(nbPerson, NB).get(0);
        assertThat(statement).contains("fikk beskjed").contains("norsk");
        String page = mvc.perform(get("/console/register/subjects/" + nbPerson).with(OFFICER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(statement);

        // Sent once: a second run finds nothing due (it queues no mail, so none can arrive later), and the one run's
        // mail arrived once (deterministic, where waiting 20 s for a second message that should never come was not).
        assertThat(notices.sendDue()).as("a second run sends nothing").isZero();
        assertThat(only(nbPerson).mailReference()).isEqualTo(sent.mailReference());
        assertThat(mailTo(nb, SUBJECT_NB)).as("sent once").hasSize(1);
    }

    @Test
    void aRecordThatCannotBeReadMarksItsNoticeUnreachableAndTheRunGoesOnToTheOthers() throws Exception {
        String unreadable = uniqueEmail();
        String told = uniqueEmail();
        ImportReport report = importContacts(unreadable + ";nb", told + ";nb");
        SubjectId broken = created(report, 0);
        SubjectId person = created(report, 1);
        byte[] stored = jdbc.sql("SELECT ciphertext FROM register_record WHERE subject_id = :s AND category = 'email'")
                .param("s", broken.value()).query((rs, n) -> rs.getBytes(1)).single();
        // a ciphertext the subject's key refuses (a damaged row): the address cannot be read
        jdbc.sql("UPDATE register_record SET ciphertext = :c WHERE subject_id = :s AND category = 'email'")
                .param("c", new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                        23, 24, 25, 26, 27, 28, 29, 30, 31, 32 })
                .param("s", broken.value()).update();
        try {
            clock.advance(Duration.ofDays(7).plusMinutes(1));
            notices.sendDue();

            // Art. 14 for everyone else is not held up by one damaged record, and the damaged one says what happened
            assertThat(only(person).state()).isEqualTo(SourceNotice.State.SENT);
            assertThat(awaitMail(told, SUBJECT_NB)).isNotNull();
            assertThat(only(broken).state()).isEqualTo(SourceNotice.State.UNREACHABLE);
            assertThat(status.statements(broken, NB).get(0)).contains("ingen e-postadresse kunne leses");
            assertThat(mailTo(unreadable, SUBJECT_NB)).isEmpty();
            assertThat(notices.sendDue()).as("nothing left due, nothing stuck").isZero();
        } finally {
            jdbc.sql("UPDATE register_record SET ciphertext = :c WHERE subject_id = :s AND category = 'email'")
                    .param("c", stored).param("s", broken.value()).update();
        }
    }

    @Test
    void anExemptionRecordedWithAReasonSendsNothingAndShowsOnTheSubject() throws Exception {
        String exempted = uniqueEmail();
        String told = uniqueEmail();
        ImportReport report = importContacts(exempted + ";nb", told + ";nb");
        SubjectId person = created(report, 0);
        String reason = "Kanarifugl AS gave every employee our notice with the contract.";

        mvc.perform(post("/console/informing/subjects/" + person + "/exemption").with(OFFICER).with(csrf())
                .param("ground", "ALREADY_INFORMED").param("reason", reason)).andExpect(status().is3xxRedirection());

        clock.advance(Duration.ofDays(8));
        notices.sendDue();

        awaitMail(told, SUBJECT_NB); // the other person of the same import is told: the job did run
        assertThat(mailTo(exempted, SUBJECT_NB)).isEmpty();
        SourceNotice notice = only(person);
        assertThat(notice.state()).isEqualTo(SourceNotice.State.EXEMPT);
        assertThat(notice.exemption()).isEqualTo(Exemption.ALREADY_INFORMED);
        assertThat(notice.exemptionReason()).isEqualTo(reason);
        assertThat(notice.sentAt()).isNull();
        // the reason may describe the person: stored encrypted under their key
        byte[] stored = jdbc.sql("SELECT exemption_reason FROM informing_notice WHERE subject_id = :s")
                .param("s", person.value()).query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Kanarifugl");

        String registerPage = mvc.perform(get("/console/register/subjects/" + person).with(OFFICER))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(registerPage).contains(status.statements(person, NB).get(0)).contains("art. 14(5)(a)");
        String noticePage = mvc.perform(get("/console/informing/subjects/" + person).with(OFFICER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(noticePage).contains(reason);
    }

    @Test
    void anImportExemptedAsAWholeSendsNothingToAnyoneInIt() {
        String first = uniqueEmail();
        String second = uniqueEmail();
        String control = uniqueEmail();
        ImportReport report = importContacts(first + ";nb", second + ";en");
        ImportReport other = importContacts(control + ";nb");

        int covered = notices.exemptOrigin(report.origin(), Exemption.DISPROPORTIONATE_EFFORT,
                "A list of 40,000 trade-fair visitors; the notice is published on our website.");
        clock.advance(Duration.ofDays(8));
        notices.sendDue();

        assertThat(covered).isEqualTo(2);
        awaitMail(control, SUBJECT_NB);
        assertThat(mailTo(first, SUBJECT_NB)).isEmpty();
        assertThat(mailTo(second, SUBJECT_EN)).isEmpty();
        assertThat(notices.ofOrigin(report.origin())).extracting(SourceNotice::state)
                .containsOnly(SourceNotice.State.EXEMPT);
        assertThat(notices.originExemption(report.origin())).isPresent();
        assertThat(notices.ofOrigin(other.origin())).extracting(SourceNotice::state)
                .containsOnly(SourceNotice.State.SENT);
    }

    @Test
    void aTooShortReasonIsRefusedAndTheFormKeepsTheInput() throws Exception {
        SubjectId person = created(importContacts(uniqueEmail() + ";nb"), 0);

        String page = mvc.perform(post("/console/informing/subjects/" + person + "/exemption").with(OFFICER)
                .with(csrf()).param("ground", "ALREADY_INFORMED").param("reason", "Kort"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains(">Kort</textarea>").contains("10 til 2000 tegn");
        assertThat(only(person).state()).isEqualTo(SourceNotice.State.SCHEDULED);
    }

    @Test
    void aFirstContactBeforeTheDelaySendsTheNoticeAtOnce() {
        String email = uniqueEmail();
        SubjectId person = created(importContacts(email + ";en"), 0);

        // Art. 14(3)(b): a communication is about to go out before the planned time
        assertThat(notices.beforeFirstContact(person)).isTrue();

        awaitMail(email, SUBJECT_EN);
        assertThat(only(person).state()).isEqualTo(SourceNotice.State.SENT);
        assertThat(notices.beforeFirstContact(person)).as("nothing left to send").isFalse();
    }

    @Test
    void dataGivenByThePersonOwesNoNotice() {
        SubjectId person = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), PURPOSE,
                Source.SUBJECT, null, PersonalData.contact("Test Testesen", uniqueEmail(), null)));

        assertThat(notices.of(person)).isEmpty();
        assertThat(status.statements(person, NB)).isEmpty();
    }

    @Test
    void erasingThePersonDeletesTheirNotices() {
        SubjectId person = created(importContacts(uniqueEmail() + ";nb"), 0);

        register.erase(person);

        assertThat(notices.of(person)).isEmpty();
    }

    @Autowired
    no.vern.identity.ApiTokens tokens;

    @Test
    void theApiShowsAPersonsNoticesWithStateDatesRecordVersionAndTextHashAndRecordsAnExemption() throws Exception {
        String reader = "Bearer " + tokens.issue("informing-reader", java.util.Set.of(no.vern.identity.ApiScope.INFORMING_READ),
                null).secret();
        String writer = "Bearer " + tokens.issue("informing-writer", java.util.Set.of(no.vern.identity.ApiScope.INFORMING_WRITE),
                null).secret();
        ImportReport report = importContacts(uniqueEmail() + ";nb");
        SubjectId told = created(report, 0);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        notices.sendDue();
        SourceNotice sent = only(told);

        mvc.perform(get("/api/v1/informing/subjects/" + told.value() + "/notices").header("Authorization", reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].state").value("SENT"))
                .andExpect(jsonPath("$[0].recordVersion").value(sent.recordVersion()))
                .andExpect(jsonPath("$[0].textSha256").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")))
                .andExpect(jsonPath("$[0].sentAt").isNotEmpty())
                .andExpect(jsonPath("$[0].deadline").isNotEmpty())
                .andExpect(jsonPath("$[0].origin").value(report.origin()));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'informing.notice.read' AND :t = ANY(targets)")
                .param("t", told.reference()).query((rs, n) -> rs.getLong(1)).single()).isPositive();

        SubjectId exempted = created(importContacts(uniqueEmail() + ";en"), 0);
        // Art. 14(5): the exemption needs its ground and a reason; afterwards nothing is sent and the API says so.
        mvc.perform(post("/api/v1/informing/subjects/" + exempted.value() + "/exemption").header("Authorization", writer)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"reason\": \"kort\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("exemption"));
        mvc.perform(post("/api/v1/informing/subjects/" + exempted.value() + "/exemption").header("Authorization", writer)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .content("{\"exemption\": \"ALREADY_INFORMED\", \"reason\": \"Kunden bekreftet at kontakten er informert\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.covered").value(1));
        mvc.perform(get("/api/v1/informing/subjects/" + exempted.value() + "/notices").header("Authorization", reader))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].state").value("EXEMPT"))
                .andExpect(jsonPath("$[0].exemption").value("ALREADY_INFORMED"))
                .andExpect(jsonPath("$[0].sentAt").isEmpty());
        notices.sendDue();
        assertThat(only(exempted).sentAt()).as("nothing sent under an exemption").isNull();
        mvc.perform(get("/api/v1/informing/subjects/" + told.value() + "/notices").header("Authorization", writer))
                .andExpect(status().isForbidden());
    }
}
