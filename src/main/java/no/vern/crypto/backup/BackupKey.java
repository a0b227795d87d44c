package no.vern.crypto.backup;

import com.google.crypto.tink.StreamingAead;

/**
 * The backup key (issue 24, item 5): a Tink streaming AEAD keyset kept apart from the master key
 * ({@code VERN_BACKUP_KEYSET} / {@code VERN_BACKUP_KEYSET_FILE}; generated next to the key folder in
 * demo mode and on the embedded database). Loaded only when a backup, restore or drill runs, so a
 * Vern that never takes backups needs none; a missing key then fails that command, naming the variable.
 */
public interface BackupKey {

    /** The streaming AEAD that encrypts and decrypts every backup file. */
    StreamingAead streamingAead();
}
