package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Mail;
import no.vern.shared.OutgoingMail;
import no.vern.support.MailTestSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The company profile (issue 21, item 1): one settings page and API, stored as the controller block of the record
 * of processing (every change a new version, GDPR Art. 30), and read by the policy, every mail and the privacy
 * center from the next render on. Each test puts the seeded profile back, since the context's record is shared.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CompanyProfileTests extends MailTestSupport {

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");

    @Autowired
    MockMvc mvc;

    @Autowired
    ProcessingRecord record;

    @Autowired
    CompanyProfiles profiles;

    @Autowired
    OutgoingMail mail;

    @Autowired
    ApiTokens tokens;

    @Autowired
    JsonMapper json;

    CompanyProfile original;
    String reader;
    String writer;

    @BeforeEach
    void remember() {
        original = profiles.current();
        reader = tokens.issue("profile-reader", Set.of(ApiScope.PROCESSING_READ), null).secret();
        writer = tokens.issue("profile-writer", Set.of(ApiScope.PROCESSING_READ, ApiScope.PROCESSING_WRITE), null)
                .secret();
    }

    @AfterEach
    void restore() {
        if (!profiles.current().equals(original)) {
            Actors.runAs(Actor.system("test"),
                    () -> profiles.update(record.current().version(), original, "Back to the seeded profile"));
        }
    }

    static CompanyProfile changed(CompanyProfile p) {
        return new CompanyProfile("Nordlys Revisjon AS", "123456785", "Postboks 9, 9008 Tromsø", "Storgata 1, 9008 Tromsø",
                "personvern@nordlys.example", null, "https://www.nordlys.example", "Kari Ombud",
                "ombud@nordlys.example", "+47 400 00 000", List.of("nordlys.example", "nordlys-kurs.example"),
                "post@nordlys.example",
                new LocalizedText("Hilsen Nordlys Revisjon AS, org.nr. 123 456 785", "Regards, Nordlys Revisjon AS"),
                new ComplaintAuthority(new LocalizedText("Datatilsynet (Tromsø-kontoret)", "Datatilsynet (test office)"),
                        "https://www.datatilsynet.no/klage", null));
    }

    MockHttpServletRequestBuilder as(String token, MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + token);
    }

    String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    String update(CompanyProfile profile, String note) {
        return json.writeValueAsString(Map.of("changeNote", note, "profile", profile));
    }

    @Test
    void changingTheCompanyProfileChangesPolicyMailFootersAndThePrivacyCenterInTheNextRender() throws Exception {
        assertThat(page(get("/personvern"))).contains("Fjellvik Rådgivning AS").doesNotContain("Nordlys Revisjon AS");
        int before = record.current().version();

        mvc.perform(as(writer, put("/api/v1/company-profile")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + before + "\"").content(update(changed(original), "New owner")))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + (before + 1) + "\""))
                .andExpect(jsonPath("$.profile.legalName").value("Nordlys Revisjon AS"));

        // The policy (nb and en) names the new controller, its mailbox and complaint authority.
        assertThat(page(get("/personvern"))).contains("Personvernerklæring for Nordlys Revisjon AS",
                "org.nr. 123456785", "personvern@nordlys.example", "Datatilsynet (Tromsø-kontoret)",
                "https://www.datatilsynet.no/klage").doesNotContain("Fjellvik");
        assertThat(page(get("/privacy"))).contains("Privacy policy of Nordlys Revisjon AS", "Datatilsynet (test office)")
                .doesNotContain("Fjellvik");

        // The privacy center says who is responsible, from the profile.
        assertThat(page(get("/personvern/rettigheter"))).contains("Nordlys Revisjon AS", "123456785",
                "Postboks 9, 9008 Tromsø", "mailto:personvern@nordlys.example", "Kari Ombud",
                "mailto:ombud@nordlys.example", "Datatilsynet (Tromsø-kontoret)").doesNotContain("Fjellvik");
        assertThat(page(get("/privacy/rights"))).contains("Who is responsible", "Nordlys Revisjon AS",
                "Datatilsynet (test office)");

        // The next mail comes from the new sender with the new footer in the mail's language.
        String to = uniqueEmail();
        mail.send(Mail.to(to, "Profile footer en", "Hello.").withHeader("Content-Language", "en"));
        MimeMessage en = awaitMail(to, "Profile footer en");
        assertThat(((InternetAddress) en.getFrom()[0]).getAddress()).isEqualTo("post@nordlys.example");
        assertThat(body(en)).contains("Hello.", "-- ", "Regards, Nordlys Revisjon AS").doesNotContain("Hilsen", "Fjellvik");
        mail.send(Mail.to(to, "Profile footer nb", "Hei."));
        assertThat(body(awaitMail(to, "Profile footer nb"))).contains("Hilsen Nordlys Revisjon AS", "Regards, Nordlys");
    }

    @Test
    void aProfileChangeIsANewRecordVersionWithItsNoteAndTheRestOfTheRecordUnchanged() {
        RecordVersion before = record.current();
        RecordVersion saved = Actors.runAs(Actor.system("test"),
                () -> profiles.update(before.version(), changed(original), "Company renamed"));
        // GDPR Art. 30: the old controller stays readable in the history, the new one is current.
        assertThat(saved.version()).isEqualTo(before.version() + 1);
        assertThat(record.versions().get(0).changeNote()).isEqualTo("Company renamed");
        assertThat(record.version(before.version()).orElseThrow().document().controller().name())
                .isEqualTo(original.legalName());
        assertThat(saved.document().controller().name()).isEqualTo("Nordlys Revisjon AS");
        assertThat(saved.document().dataProtectionOfficer().email()).isEqualTo("ombud@nordlys.example");
        assertThat(saved.document().activities()).isEqualTo(before.document().activities());
        assertThat(record.diff(before.version(), saved.version()).changes()).isNotEmpty();
        assertThat(profiles.current()).isEqualTo(changed(original).normalised());
    }

    @Test
    void theApiRefusesABadOrganisationNumberAsAProblemNamingTheFieldAndKeepsTheVersion() throws Exception {
        int before = record.current().version();
        CompanyProfile c = changed(original);
        CompanyProfile bad = new CompanyProfile(c.legalName(), "123456789", c.postalAddress(), null, c.privacyMailbox(),
                null, c.website(), c.dpoName(), "not-a-mailbox", null, c.webDomains(), c.mailSender(), c.mailFooter(),
                c.complaintAuthority());
        mvc.perform(as(writer, put("/api/v1/company-profile")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + before + "\"").content(update(bad, "Typo")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andExpect(jsonPath("$.errors[?(@.field == 'organisationNumber')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'dpoEmail')]").exists())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("not-a-mailbox"))));
        assertThat(record.current().version()).isEqualTo(before);
    }

    @Test
    void theApiNeedsTheCurrentVersionAsIfMatch() throws Exception {
        int before = record.current().version();
        String body = update(changed(original), "Stale");
        var request = put("/api/v1/company-profile");
        mvc.perform(as(writer, request).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isPreconditionRequired());
        mvc.perform(as(writer, put("/api/v1/company-profile")).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"" + (before - 1) + "\"").content(body))
                .andExpect(status().isPreconditionFailed());
        mvc.perform(as(reader, get("/api/v1/company-profile"))).andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"" + before + "\""))
                .andExpect(jsonPath("$.profile.legalName").value(original.legalName()))
                .andExpect(jsonPath("$.profile.organisationNumber").value("999999999"));
        assertThat(record.current().version()).isEqualTo(before);
    }

    MultiValueMap<String, String> form(CompanyProfile p, int version, String note) {
        MultiValueMap<String, String> f = new LinkedMultiValueMap<>();
        f.add("basedOnVersion", String.valueOf(version));
        f.add("legalName", p.legalName());
        f.add("organisationNumber", p.organisationNumber());
        f.add("postalAddress", p.postalAddress());
        f.add("privacyMailbox", p.privacyMailbox());
        f.add("website", p.website());
        f.add("dpoName", p.dpoName());
        f.add("dpoEmail", p.dpoEmail());
        f.add("webDomains", String.join("\n", p.webDomains()));
        f.add("mailSender", p.mailSender());
        f.add("mailFooterNb", p.mailFooter().nb());
        f.add("mailFooterEn", p.mailFooter().en());
        f.add("complaintAuthorityNb", p.complaintAuthority().name().nb());
        f.add("complaintAuthorityEn", p.complaintAuthority().name().en());
        f.add("complaintAuthorityWebsite", p.complaintAuthority().website());
        f.add("changeNote", note);
        return f;
    }

    @Test
    void theSettingsPageKeepsWhatWasTypedAndNamesTheCheckDigitInNorwegian() throws Exception {
        int before = record.current().version();
        MultiValueMap<String, String> f = form(changed(original), before, "Nytt navn");
        f.set("organisationNumber", "123 456 789");
        String html = page(post("/console/processing/company-profile").with(OFFICER).with(csrf()).params(f)
                .header("Accept-Language", "nb"));
        assertThat(html).contains("value=\"Nordlys Revisjon AS\"", "value=\"123 456 789\"",
                "Må være ni sifre med riktig kontrollsiffer (modulus 11).", "aria-invalid=\"true\"");
        assertThat(record.current().version()).isEqualTo(before);
    }

    @Test
    void theSettingsPageSavesANewVersionAndTheNextPolicyShowsIt() throws Exception {
        int before = record.current().version();
        assertThat(page(get("/console/processing/company-profile").with(OFFICER))).contains("name=\"legalName\" value=\"Fjellvik R&aring;dgivning AS\"");
        MultiValueMap<String, String> f = form(changed(original), before, "Ny eier");
        f.set("organisationNumber", "NO 123 456 785 MVA");
        mvc.perform(post("/console/processing/company-profile").with(OFFICER).with(csrf()).params(f))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/processing/company-profile"));
        assertThat(record.current().version()).isEqualTo(before + 1);
        assertThat(profiles.current().organisationNumber()).isEqualTo("123456785");
        assertThat(record.versions().get(0).changeNote()).isEqualTo("Ny eier");
        assertThat(page(get("/personvern"))).contains("Nordlys Revisjon AS");
    }
}
