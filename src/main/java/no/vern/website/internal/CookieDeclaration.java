package no.vern.website.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecord;
import no.vern.processing.WebsiteFacts;
import no.vern.processing.WebsitePractice;
import no.vern.processing.WebsitePractice.DeclaredStorage;

/**
 * The cookie declaration (ekomloven § 3-15, S18): every cookie and local-storage entry of the banner configuration
 * with its provider, purpose, duration, party and category. The banner's per-purpose storage
 * ({@link BannerConfigs#STORAGE}, which the script deletes on a refusal) is derived from the same entries, and the
 * policy's cookie section and {@code /site/cookies} are written from them, so the three cannot differ.
 */
@Component
class CookieDeclaration implements WebsiteFacts {

    /** How long an entry lives. */
    enum Lifetime {
        /** A fixed maximum age ({@link Entry#maxAge}). */
        FIXED,
        /** Until the browser is closed or the session ends. */
        SESSION,
        /** Until the visitor withdraws the purpose's consent (the script deletes it) or deletes it themselves. */
        UNTIL_WITHDRAWN
    }

    /** Where an entry is kept. */
    enum Host {
        /** On the company site that embeds the banner (written by the banner script or the site's own scripts). */
        SITE,
        /** On the privacy pages Vern serves itself (privacy center, policy). */
        PRIVACY_PAGES
    }

    /** The banner's purposes, strictly necessary first (declared here so this class initialises on its own). */
    static final List<String> CATEGORIES = List.of("necessary", "preferences", "statistics");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}\\*?");

    /**
     * One declared entry.
     *
     * @param category the banner purpose: {@code necessary}, {@code preferences} or {@code statistics}
     * @param type {@code cookie} or {@code localStorage}
     * @param name the cookie name or storage key; ending in {@code *}, every key that starts with the rest
     * @param provider who sets and reads it, or null for the controller itself
     * @param lifetime how long it lives
     * @param maxAge the maximum age of a {@link Lifetime#FIXED} entry, else null
     * @param firstParty whether it belongs to the domain the visitor is on
     * @param host where it is kept
     * @param text the key of its purpose text under {@code website.cookie.}
     */
    record Entry(String category, String type, String name, @Nullable String provider, Lifetime lifetime,
            @Nullable Duration maxAge, boolean firstParty, Host host, String text) {

        Entry {
            if (!CATEGORIES.contains(category)) {
                throw new IllegalArgumentException("category must be one of " + CATEGORIES);
            }
            if (!type.equals("cookie") && !type.equals("localStorage")) {
                throw new IllegalArgumentException("type must be cookie or localStorage");
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("name must be 1 to 100 letters, digits, '_', '.', ':' or '-'");
            }
            if (provider != null && (provider.isBlank() || provider.length() > 100)) {
                throw new IllegalArgumentException("provider must be 1 to 100 characters, or the controller");
            }
            if ((lifetime == Lifetime.FIXED) != (maxAge != null && !maxAge.isNegative() && !maxAge.isZero())) {
                throw new IllegalArgumentException("a positive maxAge is given exactly for a FIXED lifetime");
            }
            if (type.equals("localStorage") && lifetime == Lifetime.SESSION) {
                throw new IllegalArgumentException("local storage outlives the session; declare it until withdrawn");
            }
        }
    }

    /** The consent cookie's age: the {@code Max-Age} the banner script writes (180 days, a choice lasts 6 months). */
    static final Duration CONSENT_COOKIE_AGE = Duration.ofDays(180);
    /** The language cookie's age (shared WebConfiguration: {@code VERN_LANG}, 365 days). */
    static final Duration LANGUAGE_COOKIE_AGE = Duration.ofDays(365);

    /** Everything the banner configuration declares; statistics are cookieless and keep nothing on the device. */
    static final List<Entry> ENTRIES = List.of(
            new Entry("necessary", "cookie", "vern_consent", null, Lifetime.FIXED, CONSENT_COOKIE_AGE, true, Host.SITE,
                    "consent"),
            new Entry("necessary", "cookie", "VERN_SESSION", null, Lifetime.SESSION, null, true, Host.PRIVACY_PAGES,
                    "session"),
            new Entry("necessary", "cookie", "VERN_LANG", null, Lifetime.FIXED, LANGUAGE_COOKIE_AGE, true,
                    Host.PRIVACY_PAGES, "language"),
            new Entry("preferences", "localStorage", "vern-pref:*", null, Lifetime.UNTIL_WITHDRAWN, null, true, Host.SITE,
                    "preferences"));

    private final ProcessingRecord record;
    private final BannerConfigs banner;
    private final MessageSource messages;
    private final WebsiteProperties properties;
    private final SiteStorage siteStorage;
    private final Sites sites;

    CookieDeclaration(ProcessingRecord record, BannerConfigs banner, MessageSource messages,
            WebsiteProperties properties, SiteStorage siteStorage, Sites sites) {
        this.record = record;
        this.banner = banner;
        this.messages = messages;
        this.properties = properties;
        this.siteStorage = siteStorage;
        this.sites = sites;
    }

    /** The storage of the site the banner runs on, per banner purpose (what the script deletes on a refusal). */
    static Map<String, List<BannerConfigs.Storage>> siteStorage() {
        Map<String, List<BannerConfigs.Storage>> storage = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> storage.put(c, new ArrayList<>()));
        ENTRIES.stream().filter(e -> e.host() == Host.SITE)
                .forEach(e -> storage.computeIfAbsent(e.category(), k -> new ArrayList<>())
                        .add(new BannerConfigs.Storage(e.type(), e.name())));
        storage.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(storage);
    }

    /**
     * The declaration's rows in one language: Vern's own entries, then what the registered sites declare for their own
     * scripts (only {@code site}'s when given); {@code controller} names the provider of the controller's own entries.
     */
    List<DeclaredStorage> rows(String controller, Locale locale, @Nullable Site site) {
        BannerConfigs.BannerConfig config = banner.current(false);
        String language = "en".equals(locale.getLanguage()) ? "en" : "nb";
        List<DeclaredStorage> rows = new ArrayList<>();
        for (Entry e : ENTRIES) {
            String where = m("website.cookie.host." + e.host().name(), locale);
            rows.add(new DeclaredStorage(e.name(), m("website.cookie.type." + e.type(), locale),
                    e.provider() == null ? controller : e.provider(),
                    m("website.cookie." + e.text(), locale) + " " + where, category(config, e.category(), language),
                    duration(e.lifetime(), e.maxAge() == null ? 0 : e.maxAge().toDays(), locale), e.firstParty()));
        }
        Map<UUID, String> names = new LinkedHashMap<>();
        sites.all().forEach(s -> names.put(s.id(), s.name()));
        List<SiteStorage.Declared> declared = site == null ? siteStorage.all() : siteStorage.of(site.id());
        for (SiteStorage.Declared d : declared) {
            String purpose = Texts.sentence("en".equals(language) ? d.purposeEn() : d.purposeNb()) + " "
                    + m("website.cookie.host.site", locale, names.getOrDefault(d.siteId(), ""));
            rows.add(new DeclaredStorage(d.name(), m("website.cookie.type." + d.type(), locale), d.provider(), purpose,
                    category(config, d.category(), language),
                    duration(d.lifetime(), d.maxAgeDays() == null ? 0 : d.maxAgeDays(), locale), d.firstParty()));
        }
        return rows;
    }

    private static String category(BannerConfigs.BannerConfig config, String key, String language) {
        return config.purposes().stream().filter(p -> p.key().equals(key)).findFirst()
                .map(p -> p.name().get(language)).orElse(key);
    }

    private String duration(Lifetime lifetime, long days, Locale locale) {
        return switch (lifetime) {
            case FIXED -> m("website.cookie.duration.days", locale, days);
            case SESSION -> m("website.cookie.duration.session", locale);
            case UNTIL_WITHDRAWN -> m("website.cookie.duration.untilWithdrawn", locale);
        };
    }

    /** A text ending in one full stop. */
    private static final class Texts {
        static String sentence(String text) {
            String t = text.strip();
            return t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
        }
    }

    /** Whether Vern's own visit statistics keep anything on the device: only if an entry of its own is declared. */
    static boolean statisticsUseCookies() {
        return ENTRIES.stream().anyMatch(e -> e.category().equals("statistics"));
    }

    @Override
    public WebsitePractice practice(String providerDefault, Locale locale) {
        return new WebsitePractice(statisticsUseCookies(), BeaconIngest.STORES_IP_ADDRESS, rawPageViewDays(),
                rows(providerDefault, locale, null));
    }

    /** The controller's name as the record of processing gives it. */
    String controller() {
        return record.current().document().controller().name();
    }

    /** Days single page views are kept, as the nightly job deletes them ({@link StatisticsJobs}). */
    int rawPageViewDays() {
        return (int) StatisticsJobs.rawDays(properties);
    }

    private String m(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
