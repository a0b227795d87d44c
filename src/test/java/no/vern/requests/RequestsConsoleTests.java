package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import no.vern.shared.DateTimeInput;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/** Handlers register a request that came by letter or phone in the console, with the time it was received. */
@VernTest
@org.springframework.context.annotation.Import(RequestsTestSupport.Systems.class)
class RequestsConsoleTests extends RequestsTestSupport {

    static final RequestPostProcessor HANDLER = user("handler").roles("CASE_HANDLER");

    @Autowired
    MockMvc mvc;
    @Autowired
    Requests requests;
    @Autowired
    TestClock clock;

    @Test
    void theReceiptTimeTypedInIsOsloTimeAndANonDateIsRefusedWithTheFieldsKept() throws Exception {
        Instant received = clock.instant().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.MINUTES);
        String location = mvc.perform(post("/console/requests").with(HANDLER).with(csrf()).param("kind", "ACCESS")
                .param("channel", "LETTER").param("email", uniqueEmail("letter"))
                .param("receivedAt", DateTimeInput.value(received)))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        RequestId id = RequestId.parse(location.substring(location.lastIndexOf('/') + 1));
        assertThat(requests.get(id).receivedAt()).isEqualTo(received);

        String page = mvc.perform(post("/console/requests").with(HANDLER).with(csrf()).param("kind", "ACCESS")
                .param("channel", "LETTER").param("email", "kari@example.no").param("receivedAt", "i går"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Kontroller feltene.", "value=\"i går\"", "kari@example.no");
    }

    @Test
    void aRefusalOffersOnlyTheGroundsOfItsKindAndPunctuationForReasonsIsRefused() throws Exception {
        String location = mvc.perform(post("/console/requests").with(HANDLER).with(csrf()).param("kind", "ACCESS")
                .param("channel", "LETTER").param("email", uniqueEmail("refuse-console")))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        RequestId id = RequestId.parse(location.substring(location.lastIndexOf('/') + 1));
        String page = mvc.perform(get("/console/requests/" + id).with(HANDLER)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        // Art. 15(4) and personopplysningsloven § 16 answer an access request; Art. 17(3) does not.
        assertThat(page).contains("value=\"RIGHTS_OF_OTHERS\"", "value=\"PERSONOPPLYSNINGSLOVEN_16\"",
                "value=\"MANIFESTLY_UNFOUNDED_OR_EXCESSIVE\"").doesNotContain("value=\"LEGAL_OBLIGATION\"");

        mvc.perform(post("/console/requests/" + id + "/refuse").with(HANDLER).with(csrf())
                .param("ground", "RIGHTS_OF_OTHERS").param("reasons", "...")).andExpect(status().is3xxRedirection());
        assertThat(requests.get(id).status()).isNotEqualTo(RequestStatus.REFUSED);
    }
}
