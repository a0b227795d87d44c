package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The record in the staff console, and the published policy following each edit (S29, S30). */
@SpringBootTest
@AutoConfigureMockMvc
class ProcessingConsoleTests {

    static final RequestPostProcessor OFFICER = user("officer").roles("PRIVACY_OFFICER");
    static final RequestPostProcessor AUDITOR = user("auditor").roles("AUDITOR");

    @Autowired
    MockMvc mvc;

    @Autowired
    ProcessingRecord record;

    @Autowired
    JdbcClient jdbc;

    String html(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** The edit form as the browser would post it, starting from the current record. */
    MultiValueMap<String, String> formOf(Activity a, int version) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("basedOnVersion", String.valueOf(version));
        form.add("changeNote", "Console edit");
        form.add("nameNb", a.name().nb());
        form.add("nameEn", a.name().en());
        form.add("descriptionNb", a.description().nb());
        form.add("descriptionEn", a.description().en());
        form.add("sourceNb", a.source().nb());
        form.add("sourceEn", a.source().en());
        a.subjects().forEach(s -> form.add("subjects", s.name()));
        a.dataCategories().forEach(c -> form.add("dataCategories", c));
        for (int i = 0; i < a.purposes().size(); i++) {
            Purpose p = a.purposes().get(i);
            String k = "purposes[" + i + "].";
            form.add(k + "key", p.key());
            form.add(k + "nameNb", p.name().nb());
            form.add(k + "nameEn", p.name().en());
            form.add(k + "descriptionNb", p.description().nb());
            form.add(k + "descriptionEn", p.description().en());
            form.add(k + "legalBasis", p.legalBasis().name());
            form.add(k + "legalBasisNoteNb", p.legalBasisNote().nb());
            form.add(k + "legalBasisNoteEn", p.legalBasisNote().en());
            form.add(k + "retentionNb", p.retention().description().nb());
            form.add(k + "retentionEn", p.retention().description().en());
            form.add(k + "retentionPeriod", p.retention().period() == null ? "" : p.retention().period().toString());
            if (p.mandatory()) {
                form.add(k + "mandatory", "true");
            }
        }
        for (int i = 0; i < a.recipients().size(); i++) {
            Recipient r = a.recipients().get(i);
            String k = "recipients[" + i + "].";
            form.add(k + "nameNb", r.name().nb());
            form.add(k + "nameEn", r.name().en());
            form.add(k + "kind", r.kind().name());
            form.add(k + "country", r.country());
            if (r.agreementInPlace()) {
                form.add(k + "agreementInPlace", "true");
            }
        }
        return form;
    }

    @Test
    void overviewListsEveryActivityAndItsExports() throws Exception {
        String page = html(get("/console/processing").with(AUDITOR));
        for (Activity a : record.current().document().activities()) {
            assertThat(page).contains(a.name().nb());
        }
        assertThat(page).contains("/console/processing/report.pdf", "/console/processing/export.csv",
                "/console/processing/export.json", "Trenger oppfølging");
    }

    @Test
    void editingAPurposeChangesBothPublishedPolicies() throws Exception {
        RecordVersion before = record.current();
        Activity events = before.document().activity("events").orElseThrow();
        MultiValueMap<String, String> form = formOf(events, before.version());
        form.set("purposes[0].descriptionNb", "Administrere påmelding til frokostseminarer og kurs.");
        form.set("purposes[0].descriptionEn", "Administer registration for breakfast seminars and courses.");

        mvc.perform(post("/console/processing/activities/events").with(OFFICER).with(csrf()).params(form))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/console/processing/activities/events"));

        RecordVersion after = record.current();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(html(get("/personvern"))).contains("Administrere påmelding til frokostseminarer og kurs.",
                "versjon " + after.version() + " av behandlingsprotokollen");
        assertThat(html(get("/privacy"))).contains("Administer registration for breakfast seminars and courses.",
                "version " + after.version() + " of the record");
        assertThat(record.policy(Locale.ENGLISH).version()).isEqualTo(after.version());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'processing.record.updated' AND :t = ANY(targets)")
                .param("t", "record-version:" + after.version()).query(Integer.class).single()).isEqualTo(1);

        // The diff page shows what the edit did.
        String diff = html(get("/console/processing/diff").param("from", String.valueOf(before.version()))
                .param("to", String.valueOf(after.version())).with(AUDITOR));
        assertThat(diff).contains("activities[events].purposes[events].description.nb",
                "Administrere påmelding til frokostseminarer og kurs.");
    }

    @Test
    void aFormWithMissingFieldsIsShownAgainWithMessagesAndNothingLost() throws Exception {
        RecordVersion before = record.current();
        Activity prospects = before.document().activity("prospects").orElseThrow();
        MultiValueMap<String, String> form = formOf(prospects, before.version());
        form.set("nameEn", "");
        form.set("changeNote", "");
        form.set("descriptionNb", "En ny beskrivelse som ikke skal forsvinne");
        form.set("purposes[0].retentionPeriod", "five years");

        String page = html(post("/console/processing/activities/prospects").with(OFFICER).with(csrf()).params(form));
        assertThat(page).contains("Må fylles ut.", "P5Y (år)", "En ny beskrivelse som ikke skal forsvinne", "five years");
        assertThat(record.current().version()).isEqualTo(before.version());
    }

    /** Issue 23 item 3: a rule of the record that the form breaks is said in the page's language, from its code. */
    @Test
    void aRecordRuleTheFormBreaksIsSaidInThePagesLanguage() throws Exception {
        RecordVersion before = record.current();
        Activity prospects = before.document().activity("prospects").orElseThrow();
        MultiValueMap<String, String> form = formOf(prospects, before.version());
        form.add("dataCategories", "not-in-the-catalogue");

        String nb = html(post("/console/processing/activities/prospects").with(OFFICER).with(csrf()).params(form)
                .param("lang", "nb"));
        assertThat(nb).contains("viser til en kategori personopplysninger som ikke står i katalogen")
                .doesNotContain("er ikke gyldig", "refers to a data category");
        String en = html(post("/console/processing/activities/prospects").with(OFFICER).with(csrf()).params(form)
                .param("lang", "en"));
        assertThat(en).contains("refers to a data category that is not in the catalogue").doesNotContain("viser til");
        assertThat(record.current().version()).isEqualTo(before.version());
    }

    @Test
    void aFormBasedOnAStaleVersionIsRefusedAndKeepsTheInput() throws Exception {
        RecordVersion before = record.current();
        Activity partners = before.document().activity("partners").orElseThrow();
        record.update(before.version(), before.document(), "Someone else saved first");
        MultiValueMap<String, String> form = formOf(partners, before.version());
        form.set("descriptionEn", "My edit that must not be lost");

        String page = html(post("/console/processing/activities/partners").with(OFFICER).with(csrf()).params(form));
        assertThat(page).contains("Protokollen er endret etter at du åpnet skjemaet", "My edit that must not be lost");
        assertThat(record.current().version()).isEqualTo(before.version() + 1);
    }

    @Test
    void onlyThePrivacyOfficerMayEdit() throws Exception {
        mvc.perform(get("/console/processing/activities/events/edit").with(AUDITOR)).andExpect(status().isForbidden());
        mvc.perform(get("/console/processing/activities/events/edit").with(OFFICER)).andExpect(status().isOk());
        mvc.perform(get("/console/processing").with(user("sales").roles("SALES"))).andExpect(status().isForbidden());
        String page = html(get("/console/processing/activities/events").with(AUDITOR));
        assertThat(page).doesNotContain("/console/processing/activities/events/edit");
    }

    @Test
    void oldVersionsAndExportsAreReadableInTheConsole() throws Exception {
        assertThat(html(get("/console/processing/versions/1").with(AUDITOR))).contains("Du ser på en eldre versjon");
        assertThat(html(get("/console/processing/versions").with(AUDITOR))).contains("jobben Startdata").doesNotContain("system:seed");
        assertThat(html(get("/console/processing/export.csv").with(AUDITOR))).contains("customer-administration");
        assertThat(html(get("/console/processing/export.json").param("version", "1").with(AUDITOR)))
                .contains("\"version\" : 1");
        assertThat(html(get("/console/processing/report").with(AUDITOR))).contains("Protokoll over behandlingsaktiviteter");
        mvc.perform(get("/console/processing/report.pdf").with(AUDITOR)).andExpect(status().isOk());
        mvc.perform(get("/console/processing/versions/999").with(AUDITOR)).andExpect(status().isNotFound());
    }
}
