package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.InvalidInput;
import no.vern.shared.Paging;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/** Redirects never follow the Host header; paged lists refuse pages beyond their limits with a 400 problem and never echo a rejected value (issue 24, item 7). */
@VernTest
class PagingBoundsTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;

    @Test
    void aPageWhoseOffsetWouldOverflowIsA400ProblemNotAStackTraceOrWrappedRows() throws Exception {
        mvc.perform(get("/api/v1/subjects").param("page", "21474837").param("size", "100")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.SUBJECTS_READ)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.type").value(containsString("validation")))
                .andExpect(content().string(containsString("page")));
        mvc.perform(get("/api/v1/subjects").param("page", "0").param("size", "101")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.SUBJECTS_READ)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void aBadPageValueIsNamedButNeverEchoed() throws Exception {
        mvc.perform(get("/api/v1/subjects").param("page", "kari.nordmann@example.no")
                .header("Authorization", Tokens.bearer(tokens, ApiScope.SUBJECTS_READ)))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("page")))
                .andExpect(content().string(not(containsString("kari.nordmann"))));
    }

    @Test
    void theOffsetIsComputedWithoutOverflow() {
        assertThat(Paging.of(Paging.MAX_PAGE, 100, 100).offset()).isEqualTo(1_000_000L);
        assertThatThrownBy(() -> Paging.of(Paging.MAX_PAGE + 1, 10, 100)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Paging.of(-1, 10, 100)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Paging.of(0, 0, 100)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void aForeignHostHeaderNeverReachesALocation() throws Exception {
        for (String path : new String[] { "/console", "/console/connectors", "/console/register" }) {
            var response = mvc.perform(get(path).header("Host", "evil.example").with(r -> {
                r.setServerName("evil.example");
                return r;
            })).andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(302);
            assertThat(response.getHeader("Location")).as(path).isEqualTo("/login").doesNotContain("evil.example");
        }
    }

    @Test
    void aCsrfTokenInTheQueryStringIsRefused() throws Exception {
        var user = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user("po").roles("PRIVACY_OFFICER");
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
        // The same valid token: from the form body it passes, in the query string the request is refused.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/console/connectors/" + java.util.UUID.randomUUID() + "/test?_csrf=token").with(user).with(csrf))
                .andExpect(status().isForbidden());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/console/connectors/" + java.util.UUID.randomUUID() + "/test").with(user).with(csrf))
                .andExpect(status().is(org.hamcrest.Matchers.not(403)));
    }
}
