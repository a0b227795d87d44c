package no.vern.processing;

import java.util.List;

/**
 * What the company's websites really do with visitors' devices and visits, as the website module is configured
 * (S16-S18): the policy's cookie and statistics paragraphs and its cookie declaration are written from this, so
 * they cannot say "statistics cookies" while the beacon is cookieless.
 *
 * @param statisticsUseCookies whether the visit statistics store anything on the device
 * @param ipAddressStored whether a visitor's IP address is stored anywhere
 * @param rawPageViewDays how many days single page views are kept before only daily counts remain
 * @param storage every cookie and local-storage entry the banner configuration declares, in declaration order
 */
public record WebsitePractice(boolean statisticsUseCookies, boolean ipAddressStored, int rawPageViewDays,
        List<DeclaredStorage> storage) {

    public WebsitePractice {
        storage = List.copyOf(storage);
    }

    /**
     * One row of the cookie declaration, in one language.
     *
     * @param name the cookie name or local-storage key ({@code *} ends a prefix)
     * @param type "cookie" or "local storage" in the page's language
     * @param provider who sets and reads it
     * @param purpose what it is for
     * @param category the banner category in the page's language (strictly necessary, preferences, statistics)
     * @param duration how long it is kept, in words
     * @param firstParty whether it belongs to the site the visitor is on (not a third party's domain)
     */
    public record DeclaredStorage(String name, String type, String provider, String purpose, String category,
            String duration, boolean firstParty) {
    }
}
