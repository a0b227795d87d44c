package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/** The register in the staff console: purpose-bound views, privacy-by-default forms, erasure, import (S10, S12). */
@VernTest
class RegisterConsoleTests {

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor SALES = user("selger").roles("SALES");
    static final RequestPostProcessor RECRUITER = user("rekrutterer").roles("RECRUITER");

    @Autowired
    MockMvc mvc;
    @Autowired
    SubjectRegister register;
    @Autowired
    JdbcClient jdbc;

    String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    SubjectId contact(String email) {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.CUSTOMER, new OrganisationInput("Kanarifugl AS", "923609016", null),
                PersonalData.contact(Canaries.NAME, email, Canaries.PHONE)));
    }

    static String unique() {
        return "c" + UUID.randomUUID().toString().substring(0, 8) + "@kanarifugl.example";
    }

    @Test
    void theListShowsNoPersonalData() throws Exception {
        SubjectId id = contact(unique());
        String page = html(get("/console/register").param("size", "100").with(OFFICER));
        assertThat(page).doesNotContain(Canaries.NAME, "kanarifugl.example", Canaries.PHONE_E164);
        assertThat(html(post("/console/register/search").param("q", id.toString()).with(csrf()).with(OFFICER))).contains(id.toString());
    }

    @Test
    void searchByExactEmailPhoneOrOrgNumberFindsTheSubject() throws Exception {
        String email = unique();
        SubjectId id = contact(email);
        assertThat(html(post("/console/register/search").param("q", email.toUpperCase()).with(csrf()).with(SALES))).contains(id.toString());
        assertThat(html(post("/console/register/search").param("q", "923 609 016").with(csrf()).with(SALES))).contains(id.toString());
        assertThat(html(post("/console/register/search").param("q", Canaries.PHONE).with(csrf()).with(SALES))).contains(id.toString());
    }

    @Test
    void theSearchTermTravelsInThePostBodyNeverInTheUrl() throws Exception {
        // Rule 1: an email or phone typed into the search box must not end up in the URL (history, logs).
        String page = html(get("/console/register").with(SALES));
        assertThat(page).contains("action=\"/console/register/search\"").contains("method=\"post\"");
        String email = unique();
        SubjectId id = contact(email);
        // A GET with a term (an old bookmark) is not a search: it neither echoes the term nor answers it.
        assertThat(html(get("/console/register").param("q", email).with(SALES))).doesNotContain(email);
        assertThat(html(post("/console/register/search").param("q", email).with(csrf()).with(SALES)))
                .contains(id.toString()).doesNotContain("/console/register?q=");
    }

    @Test
    void salesSeesTheValuesForItsDefaultPurposeAndTheReadIsAudited() throws Exception {
        SubjectId id = contact(unique());
        String page = html(get("/console/register/subjects/" + id).with(SALES));
        assertThat(page).contains(Canaries.NAME, Canaries.PHONE_E164);
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.read", "SUCCESS", id)).isOne();
    }

    @Test
    void theOfficerChoosesAPurposeBeforeSeeingAnything() throws Exception {
        SubjectId id = contact(unique());
        assertThat(html(get("/console/register/subjects/" + id).with(OFFICER))).doesNotContain(Canaries.NAME);
        String wrong = html(get("/console/register/subjects/" + id).param("purpose", "newsletter").with(OFFICER));
        assertThat(wrong).doesNotContain(Canaries.NAME);
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.read", "DENIED", id)).isOne();
    }

    @Test
    void aRecruiterGuessingACustomerContactsIdGets404() throws Exception {
        SubjectId id = contact(unique());
        mvc.perform(get("/console/register/subjects/" + id).param("purpose", "customer-administration").with(RECRUITER))
                .andExpect(status().isNotFound());
    }

    @Test
    void theNewFormAsksOnlyForWhatThePurposeNeeds() throws Exception {
        // GDPR Art. 25 / S12: a newsletter needs name and email, so no phone or address field is shown.
        String page = html(get("/console/register/new").param("purpose", "newsletter").with(OFFICER));
        assertThat(page).contains("name=\"email\"").doesNotContain("name=\"phone\"", "name=\"street\"",
                "name=\"bankAccount\"");
    }

    @Test
    void anInvalidFieldIsShownNextToItAndNothingTypedIsLost() throws Exception {
        String page = html(post("/console/register/new").with(SALES).with(csrf()).param("purpose", "customer-administration")
                .param("kinds", "CUSTOMER_CONTACT").param("name", Canaries.NAME).param("email", "ikke-gyldig")
                .param("phone", Canaries.PHONE));
        assertThat(page).contains("field-error", "value=\"" + Canaries.NAME + "\"", "value=\"ikke-gyldig\"");
    }

    @Test
    void aFieldErrorIsSaidInThePagesLanguageFromItsCode() throws Exception {
        String nb = html(post("/console/register/new").with(SALES).with(csrf()).param("purpose", "customer-administration")
                .param("kinds", "CUSTOMER_CONTACT").param("name", Canaries.NAME).param("email", "ikke-gyldig"));
        String en = html(post("/console/register/new").param("lang", "en").with(SALES).with(csrf())
                .param("purpose", "customer-administration").param("kinds", "CUSTOMER_CONTACT").param("name", Canaries.NAME)
                .param("email", "ikke-gyldig"));

        assertThat(nb).contains("Feltet er ikke en gyldig e-postadresse.").doesNotContain("is not a valid email address");
        assertThat(en).contains("This field is not a valid email address.");
    }

    /** Issue 23 item 3: a refused merge says why in the page's language, from its message code. */
    @Test
    void aRefusedMergeSaysWhyInThePagesLanguage() throws Exception {
        SubjectId id = contact(unique());
        String nb = html(post("/console/register/duplicates/merge").with(OFFICER).with(csrf())
                .param("survivor", id.toString()).param("other", id.toString()).param("lang", "nb"));
        assertThat(nb).contains("må være en annen person enn den som beholdes")
                .doesNotContain("er ikke gyldig", "must be another subject");
        String en = html(post("/console/register/duplicates/merge").with(OFFICER).with(csrf())
                .param("survivor", id.toString()).param("other", id.toString()).param("lang", "en"));
        assertThat(en).contains("must be another subject than the surviving one").doesNotContain("må være");
    }

    @Test
    void creatingRedirectsToThePurposeBoundView() throws Exception {
        mvc.perform(post("/console/register/new").with(SALES).with(csrf()).param("purpose", "customer-administration")
                .param("kinds", "CUSTOMER_CONTACT").param("name", Canaries.NAME).param("email", unique()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/console/register/subjects/*?purpose=customer-administration"));
    }

    @Test
    void aStaleEditIsRefusedWithTheTypedValuesKept() throws Exception {
        SubjectId id = contact(unique());
        register.update(id, 1, new SubjectUpdate("customer-administration", Source.CUSTOMER, null, null,
                PersonalData.contact("Endret Navn", null, null)));
        String page = html(post("/console/register/subjects/" + id).with(SALES).with(csrf())
                .param("purpose", "customer-administration").param("version", "1").param("name", "Nytt Navn"));
        assertThat(page).contains("value=\"Nytt Navn\"", "error");
    }

    @Test
    void anEditSavesAndRedirects() throws Exception {
        SubjectId id = contact(unique());
        assertThat(html(get("/console/register/subjects/" + id + "/edit").with(SALES))).contains(Canaries.NAME);
        mvc.perform(post("/console/register/subjects/" + id).with(SALES).with(csrf())
                .param("purpose", "customer-administration").param("version", "1").param("name", "Nytt Navn")
                .param("kinds", "CUSTOMER_CONTACT")).andExpect(status().is3xxRedirection());
        assertThat(register.read(id, "customer-administration").value("name")).contains("Nytt Navn");
        assertThat(html(get("/console/register/subjects/" + id + "/history").with(SALES))).contains("<td>endret</td>").doesNotContain(">updated<")
                .doesNotContain("Nytt Navn");
    }

    @Test
    void theOfficerErasesAndTheIdAnswersGone() throws Exception {
        SubjectId id = contact(unique());
        mvc.perform(post("/console/register/subjects/" + id + "/erase").with(OFFICER).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("flashKey", "register.erased"));
        mvc.perform(get("/console/register/subjects/" + id).param("purpose", "customer-administration").with(OFFICER))
                .andExpect(status().isGone());
    }

    @Test
    void salesCannotErase() throws Exception {
        SubjectId id = contact(unique());
        mvc.perform(post("/console/register/subjects/" + id + "/erase").with(SALES).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void theImportPageShowsADryRunReportThenApplies() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String csv = RegisterImportTest.crmExport(tag);
        String report = html(post("/console/register/import").with(SALES).with(csrf()).param("csv", csv));
        assertThat(report).contains("name=\"action\" value=\"apply\"");
        assertThat(register.findByEmail(tag + Canaries.EMAIL)).isEmpty();
        mvc.perform(post("/console/register/import").with(SALES).with(csrf()).param("csv", csv).param("action", "apply"))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("appliedValid", 2L));
        assertThat(register.findByEmail(tag + Canaries.EMAIL)).hasSize(1);
    }
}
