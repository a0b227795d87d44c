package no.vern.connectors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.breach.BreachMailSupport;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.DemoMode;
import no.vern.support.Canaries;
import no.vern.support.Tokens;
import no.vern.support.VernTest;
import tools.jackson.databind.json.JsonMapper;

/** The connector registry over REST and in the console: registration rules, connection tests, count-only dry runs (S24). */
@VernTest
class ConnectorRegistryWebTests extends BreachMailSupport {

    static final RequestPostProcessor AUDITOR = user("revisor").roles("AUDITOR");
    static final RequestPostProcessor HANDLER = user("saksbehandler").roles("CASE_HANDLER");
    static final RequestPostProcessor OFFICER = user("personvernombud").roles("PRIVACY_OFFICER");

    @Autowired
    MockMvc mvc;
    @Autowired
    no.vern.connectors.ConnectorRegistry registry;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JsonMapper json;
    @Autowired
    DatabaseEndpoint endpoint;
    @Autowired
    DemoMode demo;

    CrmDatabase crm;

    @BeforeEach
    void crm() {
        crm = new CrmDatabase(endpoint, demo.directory().resolve("secrets"));
        crm.addPerson(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE_E164, "Turstøvler", "Kanarivegen 1, 0150 Oslo");
    }

    String register(String type, List<String> activities, String config) throws Exception {
        return json.writeValueAsString(Map.of("name", "System " + UUID.randomUUID(), "owner", "IT", "ownerEmail", "it@webstep.example",
                "type", type, "activityIds", activities, "config", config));
    }

    String createJdbc(String config) throws Exception {
        String body = mvc.perform(post("/api/v1/connectors").header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE))
                .contentType(MediaType.APPLICATION_JSON).content(register("JDBC", List.of("customers"), config)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return json.readTree(body).get("id").asString();
    }

    @Test
    void registeredJdbcConnectorIsListedAndItsConnectionTestChecksTheDatabaseMetadata() throws Exception {
        String id = createJdbc(crm.config());
        mvc.perform(get("/api/v1/connectors").header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_READ)))
                .andExpect(status().isOk()).andExpect(content().string(containsString(id)))
                .andExpect(content().string(containsString(crm.secretRef)));
        mvc.perform(post("/api/v1/connectors/" + id + "/test").header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.detail").value("3 tables, 7 columns found"));

        String missingColumn = createJdbc(crm.config().replace("categories:\n      name: [full_name]", "categories:\n      name: [fornavn]"));
        mvc.perform(post("/api/v1/connectors/" + missingColumn + "/test").header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ok").value(false))
                .andExpect(jsonPath("$.detail").value("Column fornavn not found in table customer"));
        mvc.perform(get("/api/v1/connectors/" + missingColumn).header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_READ)))
                .andExpect(jsonPath("$.lastFailureAt").isNotEmpty());
    }

    @Test
    void registrationRefusesUnknownActivitiesInlineSecretsSqlInNamesAndRefusedWebhookAddresses() throws Exception {
        String write = Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE);
        Map<String, String> cases = Map.of(
                register("JDBC", List.of("no-such-activity"), crm.config()), "no-such-activity",
                register("JDBC", List.of("customers"), crm.config().replace(crm.secretRef, "hunter2")), "secret reference",
                register("JDBC", List.of("customers"), crm.config() + "password: hunter2\n"), "unknown key 'password'",
                register("JDBC", List.of("customers"), crm.config().replace("name: newsletter", "name: \"newsletter; DROP TABLE customer\"")),
                "not a plain SQL name",
                register("JDBC", List.of("customers"), crm.config().replace("action: DELETE_ROW", "action: TRUNCATE")), "erase action",
                register("WEBHOOK", List.of("customers"), "{\"url\": \"http://169.254.169.254/latest\", \"secret\": \"env:VERN_CONNECTOR_HOOK\"}"),
                "link-local address refused",
                register("WEBHOOK", List.of("customers"), "{\"url\": \"http://[::ffff:10.0.0.1]/\", \"secret\": \"env:VERN_CONNECTOR_HOOK\"}"), "private address refused",
                register("WEBHOOK", List.of("customers"), "{\"url\": \"http://2130706433/\", \"secret\": \"env:VERN_CONNECTOR_HOOK\"}"),
                "non-canonical",
                register("MANUAL", List.of("customers"), "").replace("it@webstep.example", ""), "ownerEmail");
        for (var c : cases.entrySet()) {
            mvc.perform(post("/api/v1/connectors").header("Authorization", write).contentType(MediaType.APPLICATION_JSON).content(c.getKey()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString(c.getValue())));
        }
    }

    @Test
    void jdbcHostsPassTheAddressGuardAndAllowancesComeFromTheServerOnly() throws Exception {
        String write = Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE);
        // Cloud metadata is never allowed; private networks are not allowed by this server's configuration.
        Map<String, String> cases = Map.of(
                register("JDBC", List.of("customers"), crm.config().replace(crm.url, "jdbc:postgresql://169.254.169.254:5432/crm")),
                "link-local address refused",
                register("JDBC", List.of("customers"), crm.config().replace(crm.url, "jdbc:postgresql://10.0.0.5/crm")),
                "private address refused (allowed only by the server's configuration)",
                register("JDBC", List.of("customers"), crm.config().replace(crm.url, crm.url + "?socketFactory=x.Evil")),
                "driver parameter 'socketFactory' is not allowed",
                register("JDBC", List.of("customers"), crm.config().replace(crm.url, "jdbc:postgresql://a.example,b.example/crm")),
                "with one host",
                register("WEBHOOK", List.of("customers"), "{\"url\": \"https://hooks.example/\", \"secret\": \"env:VERN_CONNECTOR_HOOK\", \"allowPrivateNetworks\": true}"),
                "allowPrivateNetworks is not accepted from a connector",
                register("WEBHOOK", List.of("customers"), "{\"url\": \"https://hooks.example/\", \"secret\": \"env:VERN_CONNECTOR_HOOK\", \"allowLoopback\": true}"),
                "allowLoopback is not accepted from a connector");
        for (var c : cases.entrySet()) {
            mvc.perform(post("/api/v1/connectors").header("Authorization", write).contentType(MediaType.APPLICATION_JSON).content(c.getKey()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString(c.getValue())));
        }
    }

    @Test
    void secretReferencesNeverNameVernsOwnSettings() throws Exception {
        String write = Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE);
        for (String ref : List.of("env:VERN_DB", "env:VERN_BOOTSTRAP_ADMIN", "env:HOME", "file:../vern")) {
            mvc.perform(post("/api/v1/connectors").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                    .content(register("JDBC", List.of("customers"), crm.config().replace(crm.secretRef, ref))))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().string(containsString(ref.startsWith("env:") ? "env:VERN_CONNECTOR_" : "secret reference")));
        }
    }

    @Test
    void aManualConnectorsResponsiblePersonMustBeOfTheOrganisation() throws Exception {
        String write = Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE);
        mvc.perform(post("/api/v1/connectors").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content(register("MANUAL", List.of("customers"), "").replace("it@webstep.example", "collector@rogue.example")))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("organisation's staff")));
        mvc.perform(post("/api/v1/connectors").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content(register("MANUAL", List.of("customers"), "").replace("it@webstep.example", "it@webstep.example.rogue.example")))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/connectors").header("Authorization", write).contentType(MediaType.APPLICATION_JSON)
                .content(register("MANUAL", List.of("customers"), ""))).andExpect(status().isCreated());
    }

    @Test
    void aNewConnectorIsInactiveUntilApprovedByTokenWithTheApprovalScope() throws Exception {
        String id = createJdbc(crm.config());
        mvc.perform(get("/api/v1/connectors/" + id).header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_READ)))
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(post("/api/v1/connectors/" + id + "/approve").header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE)))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/connectors/" + id + "/approve").header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_APPROVE)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.active").value(true)).andExpect(jsonPath("$.approvedBy").isNotEmpty());
    }

    @Test
    void consoleApprovalIsThePrivacyOfficersButton() throws Exception {
        String id = createJdbc(crm.config());
        mvc.perform(get("/console/connectors").with(HANDLER)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/console/connectors/" + id + "/approve"))));
        mvc.perform(get("/console/connectors").with(OFFICER)).andExpect(status().isOk())
                .andExpect(content().string(containsString("/console/connectors/" + id + "/approve")));
        mvc.perform(post("/console/connectors/" + id + "/approve").with(HANDLER).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(post("/console/connectors/" + id + "/approve").with(OFFICER).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(get("/console/connectors").with(OFFICER))
                .andExpect(content().string(not(containsString("/console/connectors/" + id + "/approve"))));
    }

    String dryRunPage(String id, String email, String lang) throws Exception {
        return mvc.perform(post("/console/connectors/" + id + "/dry-run").with(OFFICER).with(csrf()).param("email", email)
                .param("lang", lang)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Issue 23 item 3: the refusal says why in the page's language, from its message code, never the API's English. */
    @Test
    void aRefusedDryRunSaysWhyInThePagesLanguage() throws Exception {
        String jdbc = createJdbc(crm.config());
        org.assertj.core.api.Assertions.assertThat(dryRunPage(jdbc, "ikke-en-adresse", "nb"))
                .contains("feilet: er ikke en gyldig e-postadresse").doesNotContain("er ikke gyldig", "is not a valid");
        org.assertj.core.api.Assertions.assertThat(dryRunPage(jdbc, "ikke-en-adresse", "en"))
                .contains("failed: is not a valid email address").doesNotContain("er ikke");

        String body = mvc.perform(post("/api/v1/connectors").header("Authorization", Tokens.bearer(tokens, ApiScope.CONNECTORS_WRITE))
                .contentType(MediaType.APPLICATION_JSON).content(register("MANUAL", List.of("customers"), "")))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String manual = json.readTree(body).get("id").asString();
        org.assertj.core.api.Assertions.assertThat(dryRunPage(manual, Canaries.EMAIL, "nb"))
                .contains("feilet: prøvesøk er bare mulig for JDBC-koblinger").doesNotContain("only possible");
        org.assertj.core.api.Assertions.assertThat(dryRunPage(manual, Canaries.EMAIL, "en"))
                .contains("failed: a dry run is only possible for JDBC connectors");
    }

    /** Issue 23 item 3: the console's connection test says what it found in the page's language. */
    @Test
    void aConsoleConnectionTestSaysWhatItFoundInThePagesLanguage() throws Exception {
        String id = createJdbc(crm.config());
        mvc.perform(post("/console/connectors/" + id + "/test").with(OFFICER).with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("checkDetail",
                        org.hamcrest.Matchers.matchesPattern("\\d+ tabeller og \\d+ kolonner funnet")));
        mvc.perform(post("/console/connectors/" + id + "/test").with(OFFICER).with(csrf()).param("lang", "en"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("checkDetail",
                        org.hamcrest.Matchers.matchesPattern("\\d+ tables, \\d+ columns found")));
    }

    @Test
    void consoleDryRunIsThePrivacyOfficersAndShowsCountsPerCategoryButNeverValues() throws Exception {
        String id = createJdbc(crm.config());
        mvc.perform(post("/console/connectors/" + id + "/dry-run").with(AUDITOR).with(csrf()).param("email", Canaries.EMAIL))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/connectors/" + id + "/dry-run").with(OFFICER).with(csrf()).param("email", Canaries.EMAIL))
                .andExpect(status().isOk())
                // Categories by their names in the record, in the page's language (issue 23 item 3).
                .andExpect(content().string(containsString("Kjøpshistorikk: 2")))
                .andExpect(content().string(containsString("Navn: 1")))
                .andExpect(content().string(not(containsString(Canaries.NAME))))
                .andExpect(content().string(not(containsString("Turstøvler"))))
                .andExpect(content().string(not(containsString("Kanarivegen"))));
    }

    @Test
    void consoleListShowsTheTestButtonOnlyToRolesThatMayTest() throws Exception {
        String id = createJdbc(crm.config());
        mvc.perform(get("/console/connectors").with(AUDITOR)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/console/connectors/" + id + "/test"))));
        mvc.perform(get("/console/connectors").with(HANDLER)).andExpect(status().isOk())
                .andExpect(content().string(containsString("/console/connectors/" + id + "/test")));
        var flash = mvc.perform(post("/console/connectors/" + id + "/test").with(HANDLER).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        org.assertj.core.api.Assertions.assertThat(flash.get("checkOk")).isEqualTo(true);
    }

    @Test
    void aRefusedAddressIsAFieldErrorWhoseArgumentIsTheGuardsReasonCodeNotItsEnglish() {
        no.vern.shared.InvalidInput refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                no.vern.shared.InvalidInput.class, () -> registry.register(new no.vern.connectors.NewConnector("System "
                        + UUID.randomUUID(), "IT", "it@webstep.example", no.vern.connectors.ConnectorType.JDBC,
                        List.of("customers"), crm.config().replace(crm.url, "jdbc:postgresql://10.0.0.5/crm"))));
        assertThat(refused.errors()).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("connectors.error.addressConfigurable");
            assertThat(e.args()).containsExactly("label:address-refusal.private"); // issue 23 item 2
            assertThat(e.message()).isEqualTo("url: private address refused (allowed only by the server's configuration)");
        });
    }
}
