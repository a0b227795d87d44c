package no.vern.crypto;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the security overview shows about encryption at rest: the master key in use, since when,
 * and when it was last rotated.
 *
 * @param primaryKeyId id of the master key wrapping new subject keys
 * @param keysInKeyset master keys in the keyset (old ones stay until every subject key is re-wrapped)
 * @param primarySince when this key was first seen as primary by Vern
 * @param lastRotation when a master key was last rotated by Vern ({@code null} if never)
 * @param subjectKeys subject data keys in the key store
 * @param subjectKeysOnOlderMasterKeys of those, still wrapped by an older master key
 */
public record MasterKeyStatus(long primaryKeyId, int keysInKeyset, Instant primarySince, @Nullable Instant lastRotation,
        long subjectKeys, long subjectKeysOnOlderMasterKeys) {

    /** The age of the primary master key at the given instant. */
    public Duration age(Instant now) {
        return Duration.between(primarySince, now);
    }
}
