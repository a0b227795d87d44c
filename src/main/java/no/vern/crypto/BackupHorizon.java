package no.vern.crypto;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import no.vern.shared.VernClock;

/**
 * When an erasure is complete in backups too (GDPR Art. 17 with Art. 32(1)(c); issue 24, item 5): a
 * backup taken before the erasure still holds the person's key until it expires, when the restore
 * refuses it. So the erasure is complete when the last backup older than the erasure has expired.
 * Derived from the catalogue of backups Vern took ({@code crypto_backup_log}); copies made outside
 * Vern are not known to it (see {@code docs/backup.md}).
 */
public interface BackupHorizon {

    /**
     * The moment from which no backup Vern took before {@code erasedAt} can be restored: the latest
     * expiry of those backups, or {@code erasedAt} itself if none was taken before it. Empty if such a
     * backup has no recorded expiry (written before backups expired): then no date can be promised.
     */
    Optional<Instant> erasureCompleteAt(Instant erasedAt);

    /** {@link #erasureCompleteAt} as the date in Norway (Europe/Oslo) on which it falls. */
    default Optional<LocalDate> erasureCompleteBy(Instant erasedAt) {
        return erasureCompleteAt(erasedAt).map(at -> LocalDate.ofInstant(at, VernClock.ZONE));
    }
}
