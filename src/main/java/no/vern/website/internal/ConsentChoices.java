package no.vern.website.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.KeyedRateLimit;
import no.vern.website.internal.ConsentProof.Decision;
import no.vern.website.internal.ConsentProof.Reason;

/**
 * Turns a banner choice into a consent proof (GDPR Art. 7(1)) and into the value of the visitor's
 * strictly necessary {@code vern_consent} cookie, which the script writes on the site's own domain.
 */
@Component
class ConsentChoices {

    /** Largest consent body accepted. */
    static final int MAX_BYTES = 2048;

    /**
     * What the banner sends.
     *
     * @param consentId the id from the visitor's cookie, or null for a first choice
     * @param decision ACCEPT_ALL, REJECT_ALL or CUSTOM
     * @param purposes the optional purposes chosen
     * @param gpc whether the browser signalled Global Privacy Control
     * @param version the banner version shown
     * @param lang the banner language (nb or en)
     * @param reason CHOICE (the visitor clicked; the default) or GPC (the script refused for the browser's signal)
     */
    record Choice(@Nullable String consentId, @Nullable String decision, @Nullable List<String> purposes,
            @Nullable Boolean gpc, @Nullable Integer version, @Nullable String lang, @Nullable String reason) {
    }

    /** The answer: the consent id and the cookie value that encodes the choice for the script. */
    record Recorded(String consentId, String decision, List<String> purposes, boolean gpc, String reason, int version,
            String cookie) {
    }

    private final Sites sites;
    private final ConsentProofs proofs;
    private final BannerConfigs banner;
    private final WebsiteProperties properties;
    // Per source IP, in memory only and per node, bounded (as the beacon's limit).
    private final KeyedRateLimit limit;

    ConsentChoices(Sites sites, ConsentProofs proofs, BannerConfigs banner, WebsiteProperties properties) {
        this.sites = sites;
        this.proofs = proofs;
        this.banner = banner;
        this.properties = properties;
        this.limit = KeyedRateLimit.of(properties.consentPerMinute(), Duration.ofMinutes(1), 100_000);
    }

    /** Takes one choice from the source's allowance; {@link no.vern.shared.TooManyRequests} when it is used up. */
    void admit(HttpServletRequest request) {
        limit.acquire(request.getRemoteAddr(), "Too many consent choices from this source; try again in a minute.");
    }

    Recorded record(byte[] body, HttpServletRequest request) {
        Choice choice = StrictJson.parse(body, Choice.class, "consentId, decision, purposes, gpc, version, lang, reason");
        String origin = request.getHeader("Origin");
        Site site = sites.resolve(origin == null ? "" : origin, request)
                .orElseThrow(() -> new InvalidInput("Origin", "must be a site registered in Vern", "website.error.unregisteredSite"));
        Decision decision;
        try {
            decision = Decision.valueOf(choice.decision() == null ? "" : choice.decision());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("decision", "must be ACCEPT_ALL, REJECT_ALL or CUSTOM", "website.error.decision");
        }
        List<String> purposes = purposes(decision, choice.purposes());
        // Sec-GPC: 1 is recorded even if the script could not read navigator.globalPrivacyControl.
        boolean gpc = Boolean.TRUE.equals(choice.gpc()) || gpcHeader(request);
        if (gpc && !purposes.isEmpty()) {
            // Global Privacy Control is a refusal of every optional purpose, every time it is sent, whatever was
            // chosen before (GPC specification, section 3; GDPR Art. 21(5)): no optional purpose is recorded with it.
            throw new InvalidInput("purposes", "must be empty while the browser signals Global Privacy Control", "website.error.gpcPurposes");
        }
        Reason reason = reason(choice.reason(), gpc, decision);
        String lang = "en".equals(choice.lang()) ? "en" : "nb";
        BannerConfigs.BannerConfig config = banner.current(gpc);
        if (choice.version() == null || choice.version() != config.version()) {
            // The visitor saw another banner than the current one: ask again with the current texts.
            throw new Conflict("banner-outdated", "Banner outdated",
                    "The banner version has changed; show the current banner and ask again.");
        }
        UUID consentId = consentId(choice.consentId());
        proofs.record(site.id(), consentId, decision, purposes, gpc, reason, config.version(), config.noticeHash(lang),
                lang, request.getHeader("User-Agent"));
        return new Recorded(consentId.toString(), decision.name(), purposes, gpc, reason.name(), config.version(),
                cookie(consentId, config.version(), purposes, gpc));
    }

    /** Whether the request carries the Global Privacy Control header ({@code Sec-GPC: 1}). */
    static boolean gpcHeader(HttpServletRequest request) {
        return "1".equals(request.getHeader("Sec-GPC"));
    }

    private static Reason reason(@Nullable String given, boolean gpc, Decision decision) {
        if (given == null || given.equals(Reason.CHOICE.name())) {
            return Reason.CHOICE;
        }
        if (!given.equals(Reason.GPC.name())) {
            throw new InvalidInput("reason", "must be CHOICE or GPC", "website.error.reason");
        }
        if (!gpc || decision != Decision.REJECT_ALL) {
            throw new InvalidInput("reason", "GPC needs the Global Privacy Control signal and REJECT_ALL", "website.error.gpcReason");
        }
        return Reason.GPC;
    }

    /** The cookie value: {@code <consent id>.<version>.<flags>} with p = preferences, s = statistics, g = GPC. */
    static String cookie(UUID consentId, int version, List<String> purposes, boolean gpc) {
        StringBuilder flags = new StringBuilder();
        if (purposes.contains("preferences")) {
            flags.append('p');
        }
        if (purposes.contains("statistics")) {
            flags.append('s');
        }
        if (gpc) {
            flags.append('g');
        }
        return consentId + "." + version + "." + (flags.isEmpty() ? "-" : flags);
    }

    private static List<String> purposes(Decision decision, @Nullable List<String> chosen) {
        List<String> given = chosen == null ? List.of() : chosen;
        Set<String> unique = new HashSet<>(given);
        if (unique.size() != given.size() || !BannerConfigs.OPTIONAL.containsAll(unique)) {
            throw new InvalidInput("purposes", "must be distinct values of " + BannerConfigs.OPTIONAL, "website.error.optionalPurposes", String.join(", ", BannerConfigs.OPTIONAL));
        }
        List<String> ordered = new ArrayList<>(BannerConfigs.OPTIONAL);
        ordered.retainAll(unique);
        switch (decision) {
            case ACCEPT_ALL -> {
                if (!ordered.equals(BannerConfigs.OPTIONAL)) {
                    throw new InvalidInput("purposes", "must list every optional purpose for ACCEPT_ALL", "website.error.acceptAll");
                }
            }
            case REJECT_ALL -> {
                if (!ordered.isEmpty()) {
                    throw new InvalidInput("purposes", "must be empty for REJECT_ALL", "website.error.rejectAll");
                }
            }
            case CUSTOM -> {
                // Any subset: the visitor chose purpose by purpose (no pre-ticked boxes in the banner).
            }
        }
        return List.copyOf(ordered);
    }

    private static UUID consentId(@Nullable String given) {
        if (given == null || given.isBlank()) {
            return UUID.randomUUID();
        }
        try {
            UUID id = UUID.fromString(given);
            if (id.version() != 4) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("consentId", "must be a random UUID issued by Vern", "website.error.consentId");
        }
    }
}
