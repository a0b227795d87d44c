package no.vern.website.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One logged banner choice (GDPR Art. 7(1): consent must be demonstrable). Holds no IP address and of the
 * browser only its family and major version.
 *
 * @param id row id
 * @param siteId the site the choice was made on
 * @param consentId the random id kept in the visitor's strictly necessary {@code vern_consent} cookie
 * @param decision accept all, reject all or a custom choice
 * @param purposes the optional purposes consented to
 * @param gpc whether Global Privacy Control was signalled
 * @param noticeVersion the banner version (record-of-processing version) shown
 * @param noticeSha256 hash of the exact banner text shown
 * @param language the banner's language
 * @param userAgent the browser family and major version, e.g. "Firefox 133" ({@link UserAgents})
 * @param at when the choice was made
 * @param reason whether the visitor clicked or the browser's Global Privacy Control signal refused for them
 */
record ConsentProof(UUID id, UUID siteId, UUID consentId, Decision decision, List<String> purposes, boolean gpc,
        int noticeVersion, String noticeSha256, String language, String userAgent, Instant at, Reason reason) {

    /** Why the proof was recorded. */
    public enum Reason {
        /** The visitor chose in the banner. */
        CHOICE,
        /** The browser signalled Global Privacy Control, so every optional purpose was refused without a click. */
        GPC
    }

    /** What the visitor clicked. */
    public enum Decision {
        ACCEPT_ALL, REJECT_ALL, CUSTOM
    }
}
