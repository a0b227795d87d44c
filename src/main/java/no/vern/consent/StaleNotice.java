package no.vern.consent;

import java.util.Map;

import no.vern.shared.Conflict;

/**
 * The caller says the person saw a notice version or text that is not the current one, so the
 * consent cannot be shown to cover what Vern would record (GDPR Art. 7(1)); nothing was recorded.
 */
public final class StaleNotice extends Conflict {

    private final int currentVersion;
    private final String currentHash;

    /** Signals the refusal with the current version and hash so that the caller can show the new notice. */
    public StaleNotice(String purposeKey, int currentVersion, String currentHash) {
        super("stale-notice", "Notice is not current", "The notice shown for purpose '" + purposeKey
                + "' is not the current one (version " + currentVersion + "); show the current notice and ask again.");
        this.currentVersion = currentVersion;
        this.currentHash = currentHash;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("currentNoticeVersion", currentVersion, "currentNoticeHash", currentHash);
    }
}
