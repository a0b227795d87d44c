package no.vern.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.SubjectId;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/** The retention API (rules with purpose keys, dry run) and console pages (rules, holds, runs, report). */
@VernTest
class RetentionWebTests extends RetentionTestSupport {

    static final RequestPostProcessor OFFICER = user("personvern").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor AUDITOR = user("revisor").roles("AUDITOR");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;

    @Test
    void thePoliciesApiListsEveryRuleWithItsPurposeKey() throws Exception {
        mvc.perform(get("/api/v1/retention/policies").header("Authorization", Tokens.bearer(tokens, ApiScope.RETENTION_READ)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules[?(@.purposeKey == 'customer-administration' && @.category == 'purchase-history')].kind")
                        .value("BOOKKEEPING"))
                .andExpect(jsonPath("$.rules[?(@.purposeKey == 'recruitment' && @.category == 'cv')].unlessConsent")
                        .value("talent-pool"))
                .andExpect(jsonPath("$.missing").isEmpty());
    }

    @Test
    void theDryRunApiSaysWhatWouldGoNowByRuleAndDeletesNothing() throws Exception {
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        mvc.perform(post("/api/v1/retention/organisations/" + org + "/agreement-ended")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.RETENTION_WRITE))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"endedOn\":\"" + LocalDate.now(clock).minusMonths(4) + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.kind").value("AGREEMENT_ENDED"));

        String body = mvc.perform(post("/api/v1/retention/dry-run")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.RETENTION_WRITE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules[?(@.purposeKey == 'customer-administration' && @.category == 'email')].due")
                        .exists())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).contains(contact.value().toString());
        assertThat(register.isErased(contact)).isFalse();

        mvc.perform(post("/api/v1/retention/dry-run").header("Authorization", Tokens.bearer(tokens, ApiScope.RETENTION_READ)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/retention/organisations/999999999/agreement-ended")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.RETENTION_WRITE))
                .contentType(MediaType.APPLICATION_JSON).content("{\"endedOn\":\"2026-01-01\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/retention/clock-events").header("Authorization", Tokens.bearer(tokens, ApiScope.RETENTION_WRITE))
                .contentType(MediaType.APPLICATION_JSON).content("{\"kind\":\"EVENT_HELD\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").exists());
    }

    @Test
    void theConsoleShowsRulesAndTheApprovalSettingAndSavesAnEditAsANewVersion() throws Exception {
        String page = page(get("/console/retention").with(AUDITOR));
        assertThat(page).contains("customer-administration", "purchase-history", "vern.retention.require-approved-dry-run");

        int version = policies.current("security", "name").orElseThrow().version();
        mvc.perform(post("/console/retention/rules/security/name").with(OFFICER).with(csrf())
                .param("basedOn", String.valueOf(version)).param("kind", "AFTER_LAST_ACTIVITY").param("amount", "4")
                .param("unit", "YEARS").param("noticeDays", "0").param("note", "Art. 33(5)"))
                .andExpect(status().is3xxRedirection());
        assertThat(policies.current("security", "name").orElseThrow().version()).isEqualTo(version + 1);
        assertThat(page(get("/console/retention/rules/security/name").with(AUDITOR))).contains("Art. 33(5)");

        String invalid = page(post("/console/retention/rules/security/name").with(OFFICER).with(csrf())
                .param("basedOn", String.valueOf(version + 1)).param("kind", "SOMETIMES").param("amount", "x")
                .param("unit", "YEARS"));
        assertThat(invalid).contains("kind");
        mvc.perform(post("/console/retention/rules/security/name").with(AUDITOR).with(csrf()).param("basedOn", "1"))
                .andExpect(status().isForbidden());
    }

    @Test
    void holdsArePlacedWithFieldMessagesListedAndReleasedInTheConsole() throws Exception {
        SubjectId contact = customer(orgNumber(), null);
        String invalid = page(post("/console/retention/holds").with(OFFICER).with(csrf()).param("scope", "SUBJECT")
                .param("target", contact.value().toString()).param("reason", "x").param("owner", "personvern")
                .param("reviewOn", LocalDate.now(clock).plusMonths(1).toString()));
        assertThat(invalid).contains("reason");

        mvc.perform(post("/console/retention/holds").with(OFFICER).with(csrf()).param("scope", "SUBJECT")
                .param("target", contact.value().toString()).param("reason", "Innsynssak PVO-2026-9")
                .param("owner", "personvern").param("reviewOn", LocalDate.now(clock).plusMonths(1).toString()))
                .andExpect(status().is3xxRedirection());
        LegalHold hold = holds.list().stream().filter(h -> contact.equals(h.subject())).findFirst().orElseThrow();
        assertThat(page(get("/console/retention/holds").with(AUDITOR))).contains("Innsynssak PVO-2026-9",
                "subject:" + contact.value());

        mvc.perform(post("/console/retention/holds/" + hold.id() + "/release").with(OFFICER).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(holds.list()).filteredOn(h -> h.id().equals(hold.id())).singleElement()
                .satisfies(h -> assertThat(h.active()).isFalse());
    }

    @Test
    void aDryRunIsReviewedAndApprovedInTheConsoleAndTheReportHasAChartAndCsv() throws Exception {
        String location = mvc.perform(post("/console/retention/runs").with(OFFICER).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/console/retention/runs/");
        assertThat(page(get(location).with(AUDITOR))).contains("/approve");
        mvc.perform(post(location + "/approve").with(OFFICER).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(purges.realRunsAllowed()).isTrue();

        String report = page(get("/console/retention/reports").with(AUDITOR));
        assertThat(report).contains("<svg", "<rect");
        String svg = report.substring(report.indexOf("<svg"), report.indexOf("</svg>"));
        assertThat(svg).doesNotContain("<script", "style=", "onclick"); // strict CSP: drawn on the server
        String csv = page(get("/console/retention/reports.csv").with(AUDITOR));
        assertThat(csv).startsWith("month,purpose,category,rule_kind,items_deleted,records_deleted");
    }

    @Test
    void aForgedNoticeLinkShowsNothing() throws Exception {
        assertThat(mvc.perform(get("/privacy/talent-pool/" + java.util.UUID.randomUUID() + ".Zm9yZ2Vk"))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"link-refused\"", "This link does not work");
        mvc.perform(post("/personvern/talentbank/" + java.util.UUID.randomUUID() + ".Zm9yZ2Vk").with(csrf()))
                .andExpect(status().isNotFound());
    }

    @Test
    void aRefusedRuleEditSaysWhyPerFieldInNorwegianAndInEnglish() throws Exception {
        int version = policies.current("security", "name").orElseThrow().version();
        String nb = page(post("/console/retention/rules/security/name").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("basedOn", String.valueOf(version)).param("kind", "SOMETIMES").param("amount", "fire")
                .param("unit", "YEARS").param("noticeDays", "0"));
        assertThat(nb).contains("Type: er ikke et av valgene", "Antall: må være et heltall")
                .doesNotContain("er ikke gyldig", "must be", "is not one of");

        String en = page(post("/console/retention/rules/security/name").with(OFFICER).with(csrf()).param("lang", "en")
                .param("basedOn", String.valueOf(version)).param("kind", "SOMETIMES").param("amount", "four")
                .param("unit", "YEARS").param("noticeDays", "0"));
        assertThat(en).contains("Kind: is not one of the choices", "Amount: must be a whole number")
                .doesNotContain("er ikke et av valgene");
        assertThat(policies.current("security", "name").orElseThrow().version()).isEqualTo(version);
    }

    @Test
    void aRefusedHoldSaysWhyInNorwegianAndInEnglish() throws Exception {
        SubjectId contact = customer(orgNumber(), null);
        String review = LocalDate.now(clock).plusMonths(1).toString();
        String nb = page(post("/console/retention/holds").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("scope", "SUBJECT").param("target", contact.value().toString()).param("reason", "x")
                .param("owner", "personvern").param("reviewOn", review));
        assertThat(nb).contains("Begrunnelse: må være 3 til 500 tegn").doesNotContain("er ikke gyldig", "must be 3 to 500");

        String en = page(post("/console/retention/holds").with(OFFICER).with(csrf()).param("lang", "en")
                .param("scope", "SUBJECT").param("target", contact.value().toString()).param("reason", "x")
                .param("owner", "personvern").param("reviewOn", review));
        assertThat(en).contains("Reason: must be 3 to 500 characters").doesNotContain("må være");
        String date = page(post("/console/retention/holds").with(OFFICER).with(csrf()).param("lang", "nb")
                .param("scope", "SUBJECT").param("target", contact.value().toString()).param("reason", "Sak 2026-9")
                .param("owner", "personvern").param("reviewOn", "neste uke"));
        assertThat(date).contains("Vurderes på nytt: må være en dato (ÅÅÅÅ-MM-DD)");
        assertThat(holds.list()).noneMatch(h -> contact.equals(h.subject()));
    }

    @Test
    void aDryRunSaysWhyEachItemIsDueInThePagesLanguageFromTheRuleAndTheAgreementsEnd() throws Exception {
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        LocalDate ended = LocalDate.now(clock).minusYears(2);
        clockEvents.agreementEnded(org, startOf(ended));
        RetentionRule rule = policies.current("customer-administration", "email").orElseThrow();
        assertThat(rule.kind()).isEqualTo(RuleKind.AGREEMENT_PLUS);
        String location = mvc.perform(post("/console/retention/runs").with(OFFICER).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        String date = ended.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
        String unitNb = switch (rule.unit()) {
            case DAYS -> "dager";
            case MONTHS -> "måneder";
            case YEARS -> "år";
        };

        String nb = page(get(location).with(AUDITOR).param("lang", "nb"));
        assertThat(nb).contains(contact.value().toString(),
                "avtalen ble avsluttet " + date + ", pluss " + rule.amount() + " " + unitNb)
                .doesNotContain("agreement ended", "agreement-ended");
        String en = page(get(location).with(AUDITOR).param("lang", "en"));
        assertThat(en).contains("agreement ended " + date + ", plus " + rule.amount() + " "
                + rule.unit().name().toLowerCase(java.util.Locale.ROOT));
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
