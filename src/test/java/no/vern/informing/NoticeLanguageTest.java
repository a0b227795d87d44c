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
import java.util.List;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.SubjectId;
import no.vern.support.MailTestSupport;
import no.vern.support.TestClock;
import no.vern.support.Tokens;
import no.vern.support.VernTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 26: the Art. 14 notice goes out in the person's language whichever way the data came from others: the API
 * takes a {@code language} field and the console's new-subject form a language choice (default Norwegian), as the
 * CSV import already did.
 */
@VernTest
class NoticeLanguageTest extends MailTestSupport {

    static final RequestPostProcessor SALES = user("selger").roles("SALES");
    static final String SUBJECT_EN = "Where we got your details from";

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JsonMapper json;
    @Autowired
    SourceNotices notices;
    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private String createdByApi(String email, String languageField) throws Exception {
        String bearer = Tokens.bearer(tokens, ApiScope.SUBJECTS_WRITE);
        String body = """
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","source":"CUSTOMER","name":"Test Testesen",
                 "email":"%s"%s}""".formatted(email, languageField);
        String response = mvc.perform(post("/api/v1/subjects").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isCreated()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(response).get("id").asText();
    }

    private String language(String subject) {
        List<SourceNotice> list = notices.of(SubjectId.parse(subject));
        assertThat(list).hasSize(1);
        return list.get(0).language();
    }

    @Test
    void theApiPassesThePersonsLanguageToTheNoticeAndNorwegianIsTheDefault() throws Exception {
        String english = uniqueEmail();
        String en = createdByApi(english, ",\"language\":\"en\"");
        String nb = createdByApi(uniqueEmail(), "");

        assertThat(language(en)).isEqualTo("en");
        assertThat(language(nb)).isEqualTo("nb");

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        notices.sendDue();
        MimeMessage mail = awaitMail(english, SUBJECT_EN);
        assertThat(mail.getHeader("Content-Language")).containsExactly("en");
    }

    @Test
    void aLanguageOtherThanNorwegianOrEnglishIsRefusedAndNothingIsRegistered() throws Exception {
        String bearer = Tokens.bearer(tokens, ApiScope.SUBJECTS_WRITE, ApiScope.SUBJECTS_READ);
        String email = uniqueEmail();
        mvc.perform(post("/api/v1/subjects").header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration","source":"CUSTOMER",
                         "name":"Test Testesen","email":"%s","language":"de"}""".formatted(email)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andExpect(jsonPath("$.errors[0].field").value("language"));
        mvc.perform(post("/api/v1/subjects/search").header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).content("{\"email\":\"%s\"}".formatted(email)))
                .andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void staffChooseThePersonsLanguageOnTheNewSubjectForm() throws Exception {
        String form = mvc.perform(get("/console/register/new").with(SALES).param("purpose", "customer-administration"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(form).contains("name=\"language\"", "Språk vi skriver til personen på");

        String location = mvc.perform(post("/console/register/new").with(SALES).with(csrf())
                .param("purpose", "customer-administration").param("kinds", "CUSTOMER_CONTACT")
                .param("source", "CUSTOMER").param("language", "en").param("name", "Test Testesen")
                .param("email", uniqueEmail())).andExpect(status().is3xxRedirection()).andReturn().getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/console/register/subjects/");
        String subject = location.substring("/console/register/subjects/".length(), location.indexOf('?'));

        assertThat(language(subject)).isEqualTo("en");
    }
}
