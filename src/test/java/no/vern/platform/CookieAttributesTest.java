package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.platform.LoopbackHttp.Response;

/**
 * Issue 14 (cookies): with Secure cookies on (the default), every cookie Vern sets over real HTTP is HttpOnly,
 * has a SameSite attribute and is Secure: the session cookie through login, a session change and logout, the
 * language cookie of a public page's language switch, and the answer to the cookie banner (which sets no cookie
 * itself: the banner script writes {@code vern_consent} on the customer's site).
 */
class CookieAttributesTest extends LoopbackVern {

    @Autowired
    StaffAccounts accounts;

    @Test
    void everyCookieVernSetsIsHttpOnlySameSiteAndSecure() throws Exception {
        LoopbackHttp http = http();
        List<String> cookies = new ArrayList<>();

        // Login flow: the anonymous session (CSRF token), the new session id after login, and logout.
        String username = "cookie-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(username, "cookie-test-passord-1", Set.of(Role.AUDITOR));
        LoopbackHttp.Visitor staff = http.visitor("127.0.0.121");
        cookies.addAll(staff.get("/login").setCookies());
        Response loggedIn = staff.postForm("/login", "username=" + username + "&password=cookie-test-passord-1");
        assertThat(loggedIn.location()).isEqualTo("/console");
        cookies.addAll(loggedIn.setCookies());
        Response console = staff.get("/console");
        assertThat(console.status()).isEqualTo(200);
        cookies.addAll(console.setCookies());
        Response logout = staff.postForm("/logout", "x=1");
        assertThat(logout.location()).isEqualTo("/login?logout");
        // Logout expires the session cookie once, with the same attributes.
        assertThat(logout.setCookies()).singleElement().satisfies(c -> assertThat(c).startsWith("VERN_SESSION=;")
                .contains("Max-Age=0"));
        cookies.addAll(logout.setCookies());

        // A public page with the language switch: the language cookie.
        LoopbackHttp.Visitor visitor = http.visitor("127.0.0.122");
        Response english = visitor.get("/personvern?lang=en");
        assertThat(english.status()).isIn(200, 302);
        cookies.addAll(english.setCookies());
        Response norwegian = visitor.get("/personvern/avvik?lang=nb");
        assertThat(norwegian.status()).isEqualTo(200);
        cookies.addAll(norwegian.setCookies());
        Response login = visitor.get("/login?lang=en");
        assertThat(login.status()).isEqualTo(200);
        cookies.addAll(login.setCookies());

        // The cookie banner's answer: Vern sets no cookie, it returns the value the script stores.
        Matcher version = Pattern.compile("\"version\":(\\d+)").matcher(http.get("127.0.0.123", "/site/banner-config").body());
        assertThat(version.find()).isTrue();
        Response choice = http.send("127.0.0.123", "POST", "/site/consent", Map.of("Content-Type",
                "text/plain;charset=UTF-8", "Origin", http.origin()), "{\"decision\":\"REJECT_ALL\",\"purposes\":[],"
                        + "\"gpc\":false,\"version\":" + version.group(1) + ",\"lang\":\"nb\"}");
        assertThat(choice.status()).isEqualTo(200);
        assertThat(choice.body()).contains("\"cookie\":");
        assertThat(choice.setCookies()).isEmpty();

        assertThat(names(cookies)).contains("VERN_SESSION", "VERN_LANG");
        assertThat(cookies).allSatisfy(c -> {
            String attributes = c.toLowerCase(Locale.ROOT);
            assertThat(attributes).as(c).contains("; httponly").contains("; secure").containsPattern("; samesite=(strict|lax)");
        });
        assertThat(cookies.stream().filter(c -> c.startsWith("VERN_SESSION=")))
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Strict"));
        assertThat(cookies.stream().filter(c -> c.startsWith("VERN_LANG=")))
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void theBannerScriptWritesItsConsentCookieWithSameSiteAndSecureOnHttps() throws Exception {
        // The script must read the cookie (document.cookie), so it cannot be HttpOnly; it is SameSite=Lax and
        // Secure whenever the site is served over https.
        String script = http().get("127.0.0.124", "/site/vern.js").body();
        Matcher write = Pattern.compile("document\\.cookie = COOKIE \\+[^;]*;[^\\n]*\\n[^\\n]*").matcher(script);
        assertThat(write.find()).isTrue();
        assertThat(write.group()).contains("SameSite=Lax").contains("location.protocol === 'https:' ? '; Secure'");
    }

    private static List<String> names(List<String> cookies) {
        return cookies.stream().map(c -> c.substring(0, c.indexOf('='))).distinct().toList();
    }
}
