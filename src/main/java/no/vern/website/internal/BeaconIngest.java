package no.vern.website.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.InvalidInput;
import no.vern.shared.KeyedRateLimit;
import no.vern.shared.PayloadTooLarge;

/**
 * Takes statistics beacons (S16, S17): a strict, small JSON body describing one page view or the
 * time spent on it. The source IP address is used only in memory, for the salted visitor hash and
 * the per-source rate limit; it is never stored or logged.
 */
@Component
class BeaconIngest {

    /**
     * Whether a visitor's IP address is stored: never (S16). It is read in memory for the rate limit and the salted
     * visitor hash only; the policy says so from this constant, and {@code WebsitePolicyFactsTest} checks that no
     * website table has a column that could hold it.
     */
    static final boolean STORES_IP_ADDRESS = false;

    /** Longest time on page counted; a forgotten tab must not skew the average. */
    static final int MAX_DURATION_MS = 30 * 60 * 1000;
    private static final Pattern VIEW_ID = Pattern.compile("[A-Za-z0-9_-]{8,40}");

    /**
     * The beacon body; unknown fields are refused.
     *
     * @param k {@code view} when the page is shown, {@code leave} when it is hidden
     * @param id random id of this page view, kept in memory by the script only
     * @param u the page: origin and path (never the query string)
     * @param r the referrer URL, of which only the domain is kept
     * @param d visible time on the page in milliseconds ({@code leave} only)
     * @param w {@code navigator.webdriver}: an automated browser
     */
    record Payload(@Nullable String k, @Nullable String id, @Nullable String u, @Nullable String r,
            @Nullable Integer d, @Nullable Boolean w) {
    }

    private final Sites sites;
    private final VisitorHasher hasher;
    private final Salts salts;
    private final PageViews views;
    private final WebsiteProperties properties;
    private final Clock clock;
    private final KeyedRateLimit limit;

    BeaconIngest(Sites sites, VisitorHasher hasher, Salts salts, PageViews views, WebsiteProperties properties,
            Clock clock) {
        this.sites = sites;
        this.hasher = hasher;
        this.salts = salts;
        this.views = views;
        this.properties = properties;
        this.clock = clock;
        this.limit = KeyedRateLimit.of(properties.beaconPerMinute(), Duration.ofMinutes(1), 100_000);
    }

    /** Reads, checks and stores one beacon; throws a 4xx problem for anything not exactly as specified. */
    void ingest(HttpServletRequest request) throws IOException {
        int max = properties.beaconMaxBytes();
        if (request.getContentLengthLong() > max) {
            throw new PayloadTooLarge(max);
        }
        String source = request.getRemoteAddr();
        limit.acquire(source, "Too many statistics beacons from this source; try again in a minute.");
        Payload payload = StrictJson.parse(StrictJson.body(request, max), Payload.class, "k, id, u, r, d, w");
        String kind = require(payload.k(), "k");
        String viewId = require(payload.id(), "id");
        if (!VIEW_ID.matcher(viewId).matches()) {
            throw new InvalidInput("id", "must be 8 to 40 letters, digits, '-' or '_'", "website.error.beaconId");
        }
        String url = require(payload.u(), "u");
        URI page = page(url);
        String origin = Origins.of(url).orElseThrow(() -> new InvalidInput("u", "must be an absolute http(s) URL", "website.error.pageUrl"));
        String header = request.getHeader("Origin");
        if (header != null && !header.equals("null") && !Origins.of(header).map(origin::equals).orElse(false)) {
            throw new InvalidInput("u", "must be on the origin that sends the beacon", "website.error.sameOrigin");
        }
        Site site = sites.resolve(origin, request)
                .orElseThrow(() -> new InvalidInput("u", "is not on a site registered in Vern", "website.error.unregisteredSite"));
        String agent = request.getHeader("User-Agent");
        agent = agent == null ? "" : agent;
        switch (kind) {
            case "view" -> {
                if (payload.d() != null) {
                    throw new InvalidInput("d", "is only sent with leave", "website.error.durationOnlyLeave");
                }
                String path = page.getRawPath() == null || page.getRawPath().isEmpty() ? "/" : page.getRawPath();
                if (path.length() > properties.maxPathLength()) {
                    throw new InvalidInput("u", "path is longer than " + properties.maxPathLength() + " characters", "error.field.tooLong", String.valueOf(properties.maxPathLength()));
                }
                String referrer = referrer(payload.r(), origin);
                if (BotFilter.isBot(agent, Boolean.TRUE.equals(payload.w()))) {
                    return;
                }
                views.recordView(site.id(), viewId, salts.today(), path, referrer, hasher.hash(source, agent, site.id()),
                        clock.instant());
            }
            case "leave" -> {
                Integer duration = payload.d();
                if (duration == null || duration < 0) {
                    throw new InvalidInput("d", "must be a non-negative number of milliseconds", "website.error.duration");
                }
                if (BotFilter.isBot(agent, Boolean.TRUE.equals(payload.w()))) {
                    return;
                }
                views.recordDuration(site.id(), viewId, Math.min(duration, MAX_DURATION_MS));
            }
            default -> throw new InvalidInput("k", "must be view or leave", "website.error.beaconKind");
        }
    }

    private static String require(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput(field, "is required", "error.field.required");
        }
        if (value.length() > 2048) {
            throw new InvalidInput(field, "is too long", "error.field.tooLong", "2048");
        }
        return value;
    }

    private static URI page(String url) {
        try {
            return new URI(url);
        } catch (Exception e) {
            throw new InvalidInput("u", "must be an absolute http(s) URL", "website.error.pageUrl");
        }
    }

    private static @Nullable String referrer(@Nullable String referrer, String siteOrigin) {
        if (referrer == null || referrer.isBlank()) {
            return null;
        }
        if (referrer.length() > 2048) {
            throw new InvalidInput("r", "is too long", "error.field.tooLong", "2048");
        }
        // Navigation inside the site is not a referral.
        if (Origins.of(referrer).map(siteOrigin::equals).orElse(false)) {
            return null;
        }
        return Origins.domain(referrer).orElse(null);
    }
}
