package no.vern.support;

import org.springframework.mock.web.MockHttpServletResponse;

import jakarta.servlet.http.Cookie;

/** Reads the session cookie that Spring Session writes as a raw header, for MockMvc tests. */
public final class SessionCookies {

    private SessionCookies() {
    }

    /** The {@code VERN_SESSION} cookie set by a response (e.g. of a login). */
    public static Cookie from(MockHttpServletResponse response) {
        return response.getHeaders("Set-Cookie").stream().filter(h -> h.startsWith("VERN_SESSION="))
                .map(h -> new Cookie("VERN_SESSION", h.substring("VERN_SESSION=".length()).split(";", 2)[0]))
                .findFirst().orElseThrow(() -> new AssertionError("No session cookie in the response"));
    }
}
