package no.vern.website.internal;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;

import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Requests as the banner script and the beacon send them from the demo site (served by Vern, so same origin). */
final class WebsiteRequests {

    /** The demo site's origin under MockMvc (http://localhost:80). */
    static final String DEMO = "http://localhost";
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private WebsiteRequests() {
    }

    /** A beacon as {@code navigator.sendBeacon} sends it: text/plain, with the visitor's address. */
    static MockHttpServletRequestBuilder beacon(String ip, String json) {
        return beacon(ip, json, DEMO, FIREFOX);
    }

    /** A beacon with another origin or user agent. */
    static MockHttpServletRequestBuilder beacon(String ip, String json, String origin, String userAgent) {
        return post("/site/collect").contentType("text/plain;charset=UTF-8")
                .content(json.getBytes(StandardCharsets.UTF_8)).header("Origin", origin).header("User-Agent", userAgent)
                .with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                });
    }

    /** A banner choice as the script posts it (text/plain, so no CORS preflight). */
    static MockHttpServletRequestBuilder consent(String ip, String json) {
        return consent(ip, json, DEMO);
    }

    /** A banner choice sent from another origin. */
    static MockHttpServletRequestBuilder consent(String ip, String json, String origin) {
        return post("/site/consent").contentType("text/plain;charset=UTF-8")
                .content(json.getBytes(StandardCharsets.UTF_8)).header("Origin", origin).header("User-Agent", FIREFOX)
                .with(r -> {
                    r.setRemoteAddr(ip);
                    return r;
                });
    }

    static String view(String id, String path, String referrer) {
        return "{\"k\":\"view\",\"id\":\"" + id + "\",\"u\":\"" + DEMO + path + "\",\"r\":\"" + referrer + "\",\"w\":false}";
    }

    static String leave(String id, String path, int ms) {
        return "{\"k\":\"leave\",\"id\":\"" + id + "\",\"u\":\"" + DEMO + path + "\",\"d\":" + ms + ",\"w\":false}";
    }
}
