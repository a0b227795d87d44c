package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.identity.StaffAccounts;
import no.vern.support.Canaries;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/**
 * Rule 2: bad input gets a clear RFC 9457 problem detail, and nothing is written. Uses the user
 * administration API as the example of a JSON endpoint.
 */
@VernTest
class ApiProblemTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    StaffAccounts accounts;

    private String admin;
    private int usersBefore;

    @BeforeEach
    void setUp() {
        admin = Tokens.bearer(tokens, ApiScope.USERS_ADMIN);
        usersBefore = accounts.list().size();
    }

    @Test
    void malformedJsonIsA400ProblemWithThePosition() throws Exception {
        postUser("{\"username\": \"kari\", \"password\": ").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:malformed-body"))
                .andExpect(jsonPath("$.title").value("Malformed request body"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not valid JSON")))
                .andExpect(jsonPath("$.requestId").exists());
        assertNothingWritten();
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedWithoutEchoingTheValue() throws Exception {
        String body = postUser("{\"username\":\"kari\",\"password\":\"langt-nok-passord\",\"roles\":\"" + Canaries.EMAIL + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("roles"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(Canaries.EMAIL);
        assertNothingWritten();
    }

    @Test
    void anUnknownEnumValueIsA400NamingTheField() throws Exception {
        postUser("{\"username\":\"kari\",\"password\":\"langt-nok-passord\",\"roles\":[\"KING\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("roles[0]"));
        assertNothingWritten();
    }

    @Test
    void anUnknownFieldIsRejected() throws Exception {
        postUser("{\"username\":\"kari\",\"password\":\"langt-nok-passord\",\"roles\":[\"SALES\"],\"email\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Unknown field 'email'."));
        assertNothingWritten();
    }

    @Test
    void anOversizedBodyIsA413ProblemAndNothingIsWritten() throws Exception {
        String huge = "{\"username\":\"kari\",\"password\":\"" + "x".repeat(2_000_000) + "\",\"roles\":[\"SALES\"]}";
        postUser(huge).andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:payload-too-large"));
        assertNothingWritten();
    }

    @Test
    void anOversizedBodyWithoutDeclaredLengthIsCutOff() throws Exception {
        String huge = "{\"username\":\"kari\",\"password\":\"" + "x".repeat(2_000_000) + "\",\"roles\":[\"SALES\"]}";
        mvc.perform(post("/api/v1/users").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .with(r -> {
                    r.setContent(huge.getBytes());
                    r.removeHeader("Content-Length");
                    return new ChunkedRequest(r);
                })).andExpect(status().isPayloadTooLarge());
        assertNothingWritten();
    }

    @Test
    void aWrongContentTypeIsA415Problem() throws Exception {
        mvc.perform(post("/api/v1/users").header("Authorization", admin).contentType(MediaType.TEXT_PLAIN)
                .content("username=kari")).andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:vern:problem:unsupported-media-type"));
        assertNothingWritten();
    }

    @Test
    void domainValidationListsEveryOffendingField() throws Exception {
        postUser("{\"username\":\"" + Canaries.EMAIL + "\",\"password\":\"kort\",\"roles\":[]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:vern:problem:validation"))
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[0].field").value("username"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(Canaries.EMAIL))));
        assertNothingWritten();
    }

    @Test
    void anUnknownIdIsA404Problem() throws Exception {
        mvc.perform(get("/api/v1/users/7d4f4b8e-0000-4000-8000-000000000000").header("Authorization", admin))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.type").value("urn:vern:problem:not-found"));
    }

    @Test
    void aMalformedIdIsA400ProblemWithoutStackTrace() throws Exception {
        String body = mvc.perform(get("/api/v1/users/not-a-uuid").header("Authorization", admin))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("Exception").doesNotContain("at no.vern");
    }

    @Test
    void anUnknownApiPathIsA404Problem() throws Exception {
        mvc.perform(get("/api/v1/nothing-here").header("Authorization", admin)).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private ResultActions postUser(String json) throws Exception {
        return mvc.perform(post("/api/v1/users").header("Authorization", admin).contentType(MediaType.APPLICATION_JSON)
                .content(json));
    }

    private void assertNothingWritten() {
        assertThat(accounts.list()).hasSize(usersBefore);
    }

    /** A request that hides its length, as a chunked upload does. */
    private static final class ChunkedRequest extends org.springframework.mock.web.MockHttpServletRequest {

        private final org.springframework.mock.web.MockHttpServletRequest delegate;

        ChunkedRequest(org.springframework.mock.web.MockHttpServletRequest delegate) {
            super(delegate.getServletContext(), delegate.getMethod(), delegate.getRequestURI());
            this.delegate = delegate;
            setContentType(delegate.getContentType());
            java.util.Collections.list(delegate.getHeaderNames()).forEach(h -> addHeader(h, delegate.getHeader(h)));
            setContent(delegate.getContentAsByteArray());
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public String toString() {
            return "ChunkedRequest[" + delegate.getRequestURI() + "]";
        }
    }
}
