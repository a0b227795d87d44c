package no.vern.crypto;

/**
 * A backup that Vern will not restore (expired, not of this format, for another schema, damaged or
 * not decryptable with the backup key); thrown before anything is changed. The message says which
 * and names no personal data.
 */
public final class BackupRefused extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A refusal with its reason (no personal data). */
    public BackupRefused(String message) {
        super(message);
    }
}
