package no.vern.identity.internal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.identity.Role;
import no.vern.support.VernTest;

/** The access review says how each account signs in (password or identity provider) and when it last did. */
@VernTest
class AccessReviewSignInTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    StaffUsers users;

    @Test
    void accessReviewShowsTheProviderAndTheLastSignInOfAnSsoAccount() throws Exception {
        UUID id = UUID.randomUUID();
        String username = "sso-" + id.toString().substring(0, 8);
        users.insertWithoutPassword(id, username, "entra", "sub-" + id, username + "@fjellvik.example", null, true,
                Set.of(Role.CASE_HANDLER), Instant.parse("2026-12-01T08:00:00Z"));
        users.recordProviderSuccess(id, "entra", Instant.parse("2026-12-06T07:30:00Z"));

        mvc.perform(get("/console/training/access-review").param("lang", "en")
                        .with(user("ombud").authorities(() -> Role.PRIVACY_OFFICER.authority())))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.matchesPattern("(?s).*<td>" + username
                        + "</td>.*class=\"sign-in-method\">entra</span>.*Last signed in 2026-12-06 08:30.*")));
    }
}
