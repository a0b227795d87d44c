package no.vern.crypto;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Backups that keep erasures (S15, S26): a consistent copy of the database and, separately, of the
 * key store, every file owner-only and encrypted under the backup key (kept apart from the master
 * key) with its expiry authenticated; a restore that refuses an expired backup and replays the shred
 * ledger before Vern serves; and a restore drill that proves, on a scratch database, that no erased
 * person comes back. Refusals throw {@link BackupRefused} before anything is changed.
 */
public interface Backups {

    /**
     * Writes the database to {@code databaseDir} and the key store (with a ledger copy) to {@code keysDir},
     * both new or empty, encrypted under the backup key; the backup expires after {@code vern.backup.expiry}.
     */
    BackupReport backup(Path databaseDir, Path keysDir);

    /**
     * Restores both parts into Vern's own databases (run with Vern otherwise stopped), keeps every
     * erasure recorded since the backup, and replays the shred ledger.
     */
    RestoreReport restore(Path databaseDir, Path keysDir);

    /** Restores both parts into a throw-away database, replays the ledger there, checks and drops it. */
    DrillReport drill(Path databaseDir, Path keysDir);

    /** When the latest successful backup was taken. */
    Optional<Instant> lastBackup();

    /** When the latest successful restore drill ran. */
    Optional<Instant> lastDrill();

    /**
     * What a backup wrote.
     *
     * @param takenAt when the database snapshot was taken
     * @param tables tables copied
     * @param rows rows copied
     * @param keys subject keys copied
     * @param ledgerEntries shred ledger entries copied next to the keys
     * @param id the backup's id, in the header of each of its files
     * @param expiresAt from when the restore refuses it
     */
    record BackupReport(Instant takenAt, int tables, long rows, long keys, long ledgerEntries, UUID id,
            Instant expiresAt) {
    }

    /**
     * What a restore did.
     *
     * @param tables tables restored
     * @param rows rows restored
     * @param keys subject keys restored
     * @param ledgerEntries shred ledger entries after merging the backup's, the key backup's and the live ones
     * @param keysDestroyed keys that came back with the restore and were destroyed by the ledger replay
     */
    record RestoreReport(int tables, long rows, long keys, long ledgerEntries, long keysDestroyed) {
    }

    /**
     * The outcome of a restore drill.
     *
     * @param at when it ran
     * @param restore what the restore into the scratch database did
     * @param erasedStillReadable subjects in the ledger that still have a key after the replay (must be 0)
     */
    record DrillReport(Instant at, RestoreReport restore, long erasedStillReadable) {

        /** Whether the drill proved that erasures survive a restore. */
        public boolean passed() {
            return erasedStillReadable == 0;
        }
    }
}
