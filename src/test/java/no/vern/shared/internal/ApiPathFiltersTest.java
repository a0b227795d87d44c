package no.vern.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.DispatcherServlet;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/**
 * {@code /api/**} is timed without the HTTP server observation (issue 28 item 2), into the same
 * {@code http.server.requests} timer with the same tag keys and values the observation gives pages, so that a
 * metrics backend (Prometheus wants one set of tag keys per name) and its dashboards see one metric.
 */
@VernTest
class ApiPathFiltersTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;
    @Autowired
    MeterRegistry meters;
    @Autowired
    DispatcherServlet dispatcherServlet;

    @Test
    void anApiCallIsTimedInTheOneRequestMetricWithTheTagsOfTheObservation() throws Exception {
        String bearer = Tokens.bearer(tokens, ApiScope.AUDIT_READ);
        long before = count("/api/v1/me", "200");
        mvc.perform(get("/api/v1/me").header("Authorization", bearer)).andExpect(status().isOk());
        mvc.perform(get("/login")).andExpect(status().isOk());

        Timer api = meters.find("http.server.requests").tag("uri", "/api/v1/me").tag("status", "200").timer();
        assertThat(api).isNotNull();
        assertThat(api.count()).isEqualTo(before + 1);
        assertThat(api.getId().getTag("method")).isEqualTo("GET");
        assertThat(api.getId().getTag("outcome")).isEqualTo("SUCCESS");
        assertThat(api.getId().getTag("exception")).isEqualTo("none");
        assertThat(api.getId().getTag("error")).isEqualTo("none");

        Timer page = meters.find("http.server.requests").tag("uri", "/login").timer();
        assertThat(page).as("pages keep the observation").isNotNull();
        assertThat(keys(api)).isEqualTo(keys(page));
    }

    @Test
    void anApiCallRefusedBeforeAnyHandlerIsNamedAsTheObservationWouldName() throws Exception {
        long before = count("UNKNOWN", "401");
        mvc.perform(get("/api/v1/me")).andExpect(status().isUnauthorized());

        Timer refused = meters.find("http.server.requests").tag("uri", "UNKNOWN").tag("status", "401").timer();
        assertThat(refused).isNotNull();
        assertThat(refused.count()).isEqualTo(before + 1);
        assertThat(refused.getId().getTag("outcome")).isEqualTo("CLIENT_ERROR");
    }

    /**
     * Nothing listens to {@code ServletRequestHandledEvent}, and publishing one after every request cost 3 % of the
     * request threads (Spring Modulith's multicaster looks up listeners for each): the dispatcher publishes none.
     */
    @Test
    void theDispatcherPublishesNoEventAfterEveryRequest() {
        assertThat(ReflectionTestUtils.getField(dispatcherServlet, "publishEvents")).isEqualTo(false);
    }

    private long count(String uri, String status) {
        Timer timer = meters.find("http.server.requests").tag("uri", uri).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    private static Set<String> keys(Timer timer) {
        return timer.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
    }
}
