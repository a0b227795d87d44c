package no.vern.website.internal;

import java.io.IOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/**
 * The public endpoints that the banner script and the statistics beacon of company sites call.
 * They carry no session and no personal data beyond the browser family and major version of a consent proof
 * ({@link UserAgents}); the IP address of a request is never stored.
 */
@RestController
class SiteController {

    private final BannerConfigs banner;
    private final ConsentChoices choices;
    private final ConsentProofs proofs;
    private final BeaconIngest beacon;

    SiteController(BannerConfigs banner, ConsentChoices choices, ConsentProofs proofs, BeaconIngest beacon) {
        this.banner = banner;
        this.choices = choices;
        this.proofs = proofs;
        this.beacon = beacon;
    }

    /** Purposes and texts (nb, en) of the banner from the record of processing, and whether GPC was sent. */
    @GetMapping(path = "/site/banner-config", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BannerConfigs.BannerConfig> bannerConfig(HttpServletRequest request) {
        // The answer depends on Sec-GPC: a cache must not hand a GPC answer to a browser without it, or back.
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).varyBy("Sec-GPC")
                .body(banner.current(ConsentChoices.gpcHeader(request)));
    }

    /** Logs a visitor's choice as a consent proof and returns the value of the consent cookie. */
    @PostMapping(path = "/site/consent", produces = MediaType.APPLICATION_JSON_VALUE)
    ConsentChoices.Recorded consent(HttpServletRequest request) throws IOException {
        choices.admit(request);
        return choices.record(StrictJson.body(request, ConsentChoices.MAX_BYTES), request);
    }

    /** A visitor's own choices under their consent id (S18: see and change the choice). */
    @GetMapping(path = "/site/consent/{consentId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> ownChoice(@PathVariable String consentId) {
        UUID id;
        try {
            id = UUID.fromString(consentId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("consentId", "must be a UUID", "error.field.id");
        }
        List<ConsentProof> history = proofs.history(id);
        if (history.isEmpty()) {
            throw new NotFound("consent", consentId);
        }
        List<Map<String, Object>> choices = history.stream().map(p -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("at", p.at().toString());
            row.put("decision", p.decision().name());
            row.put("purposes", p.purposes());
            row.put("gpc", p.gpc());
            row.put("reason", p.reason().name());
            row.put("noticeVersion", p.noticeVersion());
            row.put("language", p.language());
            return row;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("consentId", id.toString());
        body.put("current", choices.get(choices.size() - 1));
        body.put("history", choices);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The statistics beacon: answers 204 quickly, or a 4xx problem for anything malformed. */
    @PostMapping("/site/collect")
    ResponseEntity<Void> collect(HttpServletRequest request) throws IOException {
        beacon.ingest(request);
        return ResponseEntity.noContent().build();
    }

    /** Global Privacy Control support resource (GPC specification, section 3.4). */
    @GetMapping(path = "/.well-known/gpc.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> gpc() {
        return Map.of("gpc", true, "lastUpdate", LocalDate.of(2026, 11, 25).toString());
    }
}
