package no.vern.informing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.register.ImportOptions;
import no.vern.register.ImportReport;
import no.vern.register.SubjectRegister;
import no.vern.shared.Actor;
import no.vern.shared.ActorSource;
import no.vern.shared.SubjectId;
import no.vern.support.MailTestSupport;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * GDPR Art. 14(1), (3)(a) for people entered from others before Vern scheduled notices (issue 26): the privacy
 * officer sees how many were never told before anything is sent, then plans their notices, which the usual job sends
 * from now with the deadline the law set from when the data was obtained (already past, so shown as overdue). Nobody
 * is planned twice, and someone who was already told (or exempted) is not counted.
 */
@VernTest
class NoticeBackfillTest extends MailTestSupport {

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor HANDLER = user("handler").roles("CASE_HANDLER");
    /** The officer as the console signs staff in: a principal that names the staff member for the audit. */
    static final RequestPostProcessor SIGNED_IN_OFFICER = authentication(new UsernamePasswordAuthenticationToken(
            (ActorSource) () -> new Actor(Actor.Kind.STAFF, "officer"), null,
            List.of(new SimpleGrantedAuthority("ROLE_PRIVACY_OFFICER"))));

    @Autowired
    SubjectRegister register;
    @Autowired
    SourceNotices notices;
    @Autowired
    NoticeBackfill backfill;
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

    @Test
    void peopleRegisteredFromOthersBeforeNoticesExistedAreCountedFirstThenPlannedOnceWithTheirPastDeadline()
            throws Exception {
        Instant obtained = clock.instant();
        ImportReport report = register.importCsv("name;email;company;org_number;language\n"
                + "Test Testesen;" + uniqueEmail() + ";Kanarifugl AS;923609016;nb\n"
                + "Test Testesen;" + uniqueEmail() + ";Kanarifugl AS;923609016;nb\n", ImportOptions.customerContacts(false));
        SubjectId neverTold = report.lines().get(0).subject();
        SubjectId told = report.lines().get(1).subject();
        assertThat(neverTold).isNotNull();
        assertThat(told).isNotNull();
        // As if registered before the informing module existed: no notice row at all.
        jdbc.sql("DELETE FROM informing_notice WHERE subject_id = :s").param("s", neverTold.value()).update();
        backfill.schedule(); // anyone else the shared database holds without a notice
        jdbc.sql("DELETE FROM informing_notice WHERE subject_id = :s").param("s", neverTold.value()).update();
        clock.advance(Duration.ofDays(60));

        assertThat(backfill.owed()).isEqualTo(1);
        String page = mvc.perform(get("/console/informing/backfill").param("lang", "en").with(OFFICER))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("1 people were registered from others and have no notice.", "Plan notices to 1 people");
        assertThat(notices.of(neverTold)).isEmpty();
        mvc.perform(post("/console/informing/backfill").with(HANDLER).with(csrf())).andExpect(status().isForbidden());
        assertThat(notices.of(neverTold)).isEmpty();

        mvc.perform(post("/console/informing/backfill").with(SIGNED_IN_OFFICER).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("backfilled", 1));

        List<SourceNotice> planned = notices.of(neverTold);
        assertThat(planned).singleElement().satisfies(n -> {
            assertThat(n.state()).isEqualTo(SourceNotice.State.SCHEDULED);
            assertThat(n.obtainedAt()).isBetween(obtained.minusSeconds(5), obtained.plusSeconds(5));
            assertThat(n.deadline()).isEqualTo(SourceNoticeDeadlines.deadline(n.obtainedAt())).isBefore(clock.instant());
            assertThat(n.sendAt()).isBetween(clock.instant().minusSeconds(5), clock.instant());
        });
        assertThat(notices.of(told)).hasSize(1);
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'informing.notice.scheduled' AND :t = ANY(targets)")
                .param("t", "notice:" + planned.get(0).id()).query(String.class).single()).isEqualTo("staff:officer");

        assertThat(backfill.owed()).isZero();
        assertThat(backfill.schedule()).isZero();
        assertThat(notices.of(neverTold)).hasSize(1);
        assertThat(mvc.perform(get("/console/informing/backfill").with(OFFICER)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains("Ingenting å planlegge");
    }
}
