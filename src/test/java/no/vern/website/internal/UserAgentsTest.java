package no.vern.website.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GDPR Art. 5(1)(c): a consent proof keeps the browser family and major version, never the full User-Agent. */
class UserAgentsTest {

    @Test
    void keepsOnlyTheBrowserFamilyAndMajorVersion() {
        assertThat(UserAgents.familyAndMajor(WebsiteRequests.FIREFOX)).isEqualTo("Firefox 133");
        assertThat(UserAgents.familyAndMajor(WebsiteBrowserTests.DESKTOP_CHROME)).isEqualTo("Chrome 131");
        assertThat(UserAgents.familyAndMajor("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                + "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86")).isEqualTo("Edge 131");
        assertThat(UserAgents.familyAndMajor("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                + "Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0")).isEqualTo("Opera 115");
        assertThat(UserAgents.familyAndMajor("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.1 Safari/605.1.15")).isEqualTo("Safari 17");
        assertThat(UserAgents.familyAndMajor("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")).isEqualTo("Safari 17");
        assertThat(UserAgents.familyAndMajor("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like "
                + "Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36")).isEqualTo("Samsung Internet 25");
    }

    @Test
    void nothingOfTheOperatingSystemOrDeviceIsKept() {
        String kept = UserAgents.familyAndMajor("Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.178 Mobile Safari/537.36");
        assertThat(kept).isEqualTo("Chrome 121").doesNotContain("Android", "SM-S918B", "6167");
    }

    @Test
    void unknownEmptyOrAbsurdAgentsAreKeptAsOther() {
        assertThat(UserAgents.familyAndMajor(null)).isEqualTo(UserAgents.OTHER);
        assertThat(UserAgents.familyAndMajor("")).isEqualTo(UserAgents.OTHER);
        assertThat(UserAgents.familyAndMajor("curl/8.5.0")).isEqualTo(UserAgents.OTHER);
        assertThat(UserAgents.familyAndMajor("Firefox/1234567")).isEqualTo(UserAgents.OTHER);
        assertThat(UserAgents.familyAndMajor("x".repeat(5000) + " Firefox/133.0")).isEqualTo(UserAgents.OTHER);
    }
}
