package no.vern.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.identity.IssuedToken;
import no.vern.shared.Actor;
import no.vern.shared.VernClock;

/** The audit log over REST (bearer tokens with audit:read) and in the console (privacy officer, auditor). */
@SpringBootTest
@AutoConfigureMockMvc
class AuditWebTests {

    private static final Actor TESTER = Actor.system("audit-web-test");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    AuditLog log;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    @Test
    void verifyReturnsTheVerificationAsJsonForAnAuditReadToken() throws Exception {
        IssuedToken token = tokens.issue("audit-verify-test", Set.of(ApiScope.AUDIT_READ), null);
        chain.sealPending();

        mvc.perform(get("/api/v1/audit/verify").header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.entriesChecked").isNumber())
                .andExpect(jsonPath("$.firstBrokenLink").doesNotExist())
                .andExpect(jsonPath("$.verifiedAt").isString())
                .andExpect(jsonPath("$.triggeredBy").value("api_client:" + token.token().id()));
    }

    @Test
    void verifyRefusesATokenWithoutTheAuditScope() throws Exception {
        IssuedToken token = tokens.issue("audit-wrong-scope-test", Set.of(ApiScope.SUBJECTS_READ), null);

        mvc.perform(get("/api/v1/audit/verify").header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isForbidden());
    }

    @Test
    void verifyRequiresABearerToken() throws Exception {
        mvc.perform(get("/api/v1/audit/verify")).andExpect(status().isUnauthorized());
    }

    @Test
    void entriesAreListedNewestFirstAndTheReadIsItselfAudited() throws Exception {
        IssuedToken token = tokens.issue("audit-entries-test", Set.of(ApiScope.AUDIT_READ), null);
        String target = "case:" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            log.record(AuditEvent.by(TESTER, "audit.test.listed", Outcome.SUCCESS).withTargets(target));
        }
        chain.sealPending();

        mvc.perform(get("/api/v1/audit/entries").param("target", target).param("action", "audit.test")
                .header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries.length()").value(3))
                .andExpect(jsonPath("$.entries[0].actor").value("system:audit-web-test"))
                .andExpect(jsonPath("$.entries[0].chainSeq").isNumber())
                .andExpect(jsonPath("$.hasNext").value(false));

        var ids = jdbc.sql("SELECT id FROM audit_entry WHERE action = 'audit.test.listed' "
                + "AND targets @> ARRAY[CAST(:t AS text)] ORDER BY id DESC").param("t", target)
                .query(Long.class).list();
        mvc.perform(get("/api/v1/audit/entries").param("target", target).param("action", "audit.test.listed")
                .header("Authorization", "Bearer " + token.secret()))
                .andExpect(jsonPath("$.entries[*].id").value(Matchers.contains(ids.stream().mapToInt(Long::intValue)
                        .boxed().toArray())));
        long reads = jdbc.sql("""
                SELECT count(*) FROM audit_entry
                WHERE action = 'audit.entries.read' AND actor = :actor AND targets @> ARRAY[CAST(:t AS text)]
                """).param("actor", "api_client:" + token.token().id()).param("t", target).query(Long.class).single();
        assertThat(reads).isEqualTo(2);
    }

    @Test
    void entriesCapThePageSizeAtTwoHundred() throws Exception {
        IssuedToken token = tokens.issue("audit-page-test", Set.of(ApiScope.AUDIT_READ), null);

        mvc.perform(get("/api/v1/audit/entries").param("size", "1000")
                .header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.size").value(200));
    }

    @Test
    void entriesRejectAnEmailAddressAsTargetWithoutRepeatingIt() throws Exception {
        IssuedToken token = tokens.issue("audit-bad-filter-test", Set.of(ApiScope.AUDIT_READ), null);

        mvc.perform(get("/api/v1/audit/entries").param("target", "kari@example.no")
                .header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(Matchers.not(Matchers.containsString("kari"))));
    }

    @Test
    void entriesFilterByTimeWindow() throws Exception {
        IssuedToken token = tokens.issue("audit-window-test", Set.of(ApiScope.AUDIT_READ), null);
        String target = "case:" + UUID.randomUUID();
        log.record(AuditEvent.by(TESTER, "audit.test.window", Outcome.DENIED).withTargets(target));
        Instant now = clock.instant();

        mvc.perform(get("/api/v1/audit/entries").param("target", target).param("outcome", "DENIED")
                .param("from", now.minus(Duration.ofHours(1)).toString()).param("to", now.plus(Duration.ofHours(1)).toString())
                .header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.entries.length()").value(1));
        mvc.perform(get("/api/v1/audit/entries").param("target", target)
                .param("to", now.minus(Duration.ofHours(1)).toString())
                .header("Authorization", "Bearer " + token.secret()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.entries.length()").value(0));
    }

    @Test
    void theApiIsDescribedInTheOpenApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/audit/verify'].get.summary").value("Verify the hash chain now"))
                .andExpect(jsonPath("$.paths['/api/v1/audit/entries'].get").exists());
    }

    @Test
    void theConsoleLogRendersForAnAuditor() throws Exception {
        String target = "case:" + UUID.randomUUID();
        log.record(AuditEvent.by(TESTER, "audit.test.console", Outcome.SUCCESS).withTargets(target));
        String today = ZonedDateTime.now(clock.withZone(VernClock.ZONE)).toLocalDate().toString();

        mvc.perform(get("/console/audit").param("target", target).param("from", today).param("to", today)
                .with(user("revisor").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(view().name("audit/log"))
                .andExpect(content().string(Matchers.containsString("audit.test.console")))
                .andExpect(content().string(Matchers.containsString("Revisjonslogg")));
    }

    @Test
    void theDashboardShowsTheChainVerdictToAuditorsOnly() throws Exception {
        chain.sealPending();
        chain.verify();

        mvc.perform(get("/console").with(user("revisor").roles("AUDITOR"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Uforseglede revisjonsoppføringer")))
                .andExpect(content().string(Matchers.containsString("Intakt")));
        mvc.perform(get("/console").with(user("selger").roles("SALES"))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("Uforseglede"))));
    }

    @Test
    void theConsoleLogIsForbiddenForSales() throws Exception {
        mvc.perform(get("/console/audit").with(user("selger").roles("SALES"))).andExpect(status().isForbidden());
    }

    @Test
    void verifyNowRedirectsToTheLogWithTheResult() throws Exception {
        chain.sealPending();

        mvc.perform(post("/console/audit/verify").with(csrf()).with(user("ombud").roles("PRIVACY_OFFICER")))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/audit"))
                .andExpect(flash().attribute("flash", Matchers.containsString("intakt")));
    }

    @Test
    void verifyNowNeedsTheCsrfToken() throws Exception {
        mvc.perform(post("/console/audit/verify").with(user("ombud").roles("PRIVACY_OFFICER")))
                .andExpect(status().isForbidden());
    }
}
