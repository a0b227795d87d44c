package no.vern.website.internal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a consent proof keeps of the browser (GDPR Art. 5(1)(c), data minimisation): the browser family and
 * its major version ("Firefox 133"), which is enough to see which banner rendering a visitor got, and far too
 * little to single anyone out. The full User-Agent (operating system, device, build numbers) is never stored.
 * The one place that cuts a User-Agent; the console's text about proofs (website.consent.intro) says this.
 */
final class UserAgents {

    /** What is kept when no known browser family is recognised (bots, scripts, empty headers). */
    static final String OTHER = "other";

    /** Families in the order they must be tested: Edge and Opera also say "Chrome", Chrome also says "Safari". */
    private static final List<Family> FAMILIES = List.of(
            new Family("Edge", "Edg(?:e|A|iOS)?/(\\d+)"),
            new Family("Opera", "(?:OPR|Opera)/(\\d+)"),
            new Family("Samsung Internet", "SamsungBrowser/(\\d+)"),
            new Family("Firefox", "(?:Firefox|FxiOS)/(\\d+)"),
            new Family("Chrome", "(?:HeadlessChrome|Chrome|Chromium|CriOS)/(\\d+)"),
            new Family("Safari", "Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/"));

    private record Family(String name, Pattern version) {
        Family(String name, String regex) {
            this(name, Pattern.compile(regex));
        }
    }

    private UserAgents() {
    }

    /** The browser family and major version of a User-Agent header, e.g. "Firefox 133"; {@link #OTHER} otherwise. */
    static String familyAndMajor(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank() || userAgent.length() > 1024) {
            return OTHER;
        }
        for (Family family : FAMILIES) {
            Matcher m = family.version().matcher(userAgent);
            if (m.find()) {
                String major = m.group(1);
                // A major version is a small number; anything longer is not a real browser's.
                return major.length() <= 4 ? family.name() + " " + Integer.parseInt(major) : OTHER;
            }
        }
        return OTHER;
    }
}
