package no.vern.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.mail.internet.MimeMessage;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.ReadNotCleared;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.Actor;
import no.vern.shared.ActorSource;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/** The training register (S15, S20): reminders before expiry, the overdue report, lapsed staff restricted. */
@VernTest
class TrainingRegisterTests extends ProgrammeTestSupport {

    private static final String PASSWORD = "korrekt-hest-batteri-stift";

    @Autowired
    TrainingRegister register;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    SubjectRegister subjects;
    @Autowired
    MockMvc mvc;
    @Autowired
    TestClock clock;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReminderGoesOutBeforeExpiryOnceAndAgainWhenOverdue() throws Exception {
        StaffAccount kari = staff(Role.MARKETING);
        Training training = register.define(new NewTraining("Markedsføring og samtykke " + UUID.randomUUID(), "1",
                "https://intranett.example/samtykke", Set.of(Role.MARKETING), 12));
        LocalDate today = today();
        register.recordCompletion(training.id(), kari.id(), today.minusMonths(12).plusDays(10)); // expires in 10 days

        register.sendReminders();
        register.sendReminders(); // the daily job running twice sends nothing twice

        List<MimeMessage> due = mailTo(kari, training);
        assertThat(due).hasSize(1);
        assertThat(subject(due.get(0))).startsWith("Påminnelse").contains("Reminder");
        assertThat(String.valueOf(due.get(0).getContent())).contains("https://intranett.example/samtykke");

        clock.advance(Duration.ofDays(11));
        register.sendReminders();

        List<MimeMessage> all = mailTo(kari, training);
        assertThat(all).hasSize(2);
        assertThat(subject(all.get(1))).startsWith("Forfalt").contains("Overdue");
    }

    @Test
    void theOverdueReportListsStaffWhoseTrainingLapsedByTheInjectedClock() throws Exception {
        StaffAccount ola = staff(Role.SALES);
        Training training = register.define(new NewTraining("Kundedata " + UUID.randomUUID(), "2",
                "https://intranett.example/kunder", Set.of(Role.SALES), 6));
        register.recordCompletion(training.id(), ola.id(), today().minusMonths(5));
        assertThat(register.overdue()).noneMatch(s -> s.staffId().equals(ola.id()));
        assertThat(overdueTable(report())).doesNotContain(ola.username());

        clock.advance(Duration.ofDays(40));

        assertThat(register.overdue()).anyMatch(s -> s.staffId().equals(ola.id()) && s.training().id().equals(training.id()));
        String html = report();
        assertThat(overdueTable(html)).contains(ola.username());
        assertThat(html).contains("<svg").contains("<polyline");
        assertThat(html).doesNotContain("<script>");
    }

    @Test
    void completionRateCountsOnlyValidCompletionsAtEachMonthEnd() {
        StaffAccount a = staff(Role.AUDITOR);
        Training training = register.define(new NewTraining("Revisjon " + UUID.randomUUID(), "1",
                "https://intranett.example/revisjon", Set.of(Role.AUDITOR), 1));
        register.recordCompletion(training.id(), a.id(), today().minusMonths(3).withDayOfMonth(1));

        List<RatePoint> rate = register.completionRate(12);

        assertThat(rate).hasSize(13);
        assertThat(rate.get(rate.size() - 1).on()).isEqualTo(today());
        // A one-month training taken three months ago counted at the end of that month only.
        assertThat(rate.stream().filter(p -> p.required() > 0 && p.current() < p.required())).isNotEmpty();
    }

    @Test
    void invalidTrainingsAreRefusedWithFieldErrors() {
        assertThatThrownBy(() -> register.define(new NewTraining("", "", "javascript:alert(1)", Set.of(), 0)))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors()).extracting(f -> f.field())
                        .contains("title", "version", "materialUrl", "requiredFor", "renewalMonths"));
    }

    @Test
    void theConsoleFormDefinesATrainingAndReRendersErrors() throws Exception {
        String title = "Skjemakurs " + UUID.randomUUID();
        mvc.perform(post("/console/training/courses").with(user("po").roles("PRIVACY_OFFICER")).with(csrf())
                .param("title", title).param("version", "1").param("materialUrl", "https://intranett.example/k")
                .param("requiredFor", "CASE_HANDLER").param("renewalMonths", "12"))
                .andExpect(status().is3xxRedirection());
        assertThat(register.trainings()).anyMatch(t -> t.title().equals(title));

        String html = mvc.perform(post("/console/training/courses").with(user("po").roles("PRIVACY_OFFICER"))
                .with(csrf()).param("title", "").param("renewalMonths", "x"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("field-error");
    }

    @Test
    void staffWithLapsedTrainingCannotReadPersonalDataUntilRenewed() {
        // S15/S20 with vern.training.restrict-lapsed=true (set for this test context).
        StaffAccount per = staff(Role.CASE_HANDLER);
        Training training = register.define(new NewTraining("Saksbehandling " + UUID.randomUUID(), "1",
                "https://intranett.example/saker", Set.of(Role.CASE_HANDLER), 12));
        register.recordCompletion(training.id(), per.id(), today().minusMonths(13));
        SubjectId subject = subjects.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, PersonalData.contact(Canaries.NAME,
                "lapsed." + UUID.randomUUID() + "@kanarifugl.example", null)));

        actAs(per, Role.CASE_HANDLER);
        assertThatThrownBy(() -> subjects.read(subject, "customer-administration")).isInstanceOf(ReadNotCleared.class);

        SecurityContextHolder.clearContext();
        register.recordCompletion(training.id(), per.id(), today());
        actAs(per, Role.CASE_HANDLER);
        assertThat(subjects.read(subject, "customer-administration").records()).isNotEmpty();
    }

    /** The overdue table of the report (empty when nobody is overdue). */
    private static String overdueTable(String html) {
        int start = html.indexOf("id=\"overdue\"");
        return start < 0 ? "" : html.substring(start, html.indexOf("</table>", start));
    }

    private String report() throws Exception {
        return mvc.perform(get("/console/training").with(user("revisor").roles("AUDITOR"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
    }

    private void actAs(StaffAccount account, Role role) {
        ActorSource source = () -> new Actor(Actor.Kind.STAFF, account.username());
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(source, null,
                List.of(new SimpleGrantedAuthority(role.authority()))));
    }

    private StaffAccount staff(Role role) {
        return accounts.create("t" + UUID.randomUUID().toString().substring(0, 12), PASSWORD, Set.of(role));
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), VernClock.ZONE);
    }

    private static List<MimeMessage> mailTo(StaffAccount account, Training training) {
        return mailAbout(training.title()).stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(account.username() + "@fjellvik.example");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
