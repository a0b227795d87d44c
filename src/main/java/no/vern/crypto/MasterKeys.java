package no.vern.crypto;

/**
 * Rotation of the master key that wraps every subject data key, without re-encrypting any data.
 */
public interface MasterKeys {

    /** The id of the master key that wraps new and re-wrapped subject keys. */
    long primaryKeyId();

    /**
     * Adds a new primary key to the master keyset, saves the keyset where it came from (a file),
     * then re-wraps every subject key under it; refused if the keyset comes from the environment.
     */
    RewrapResult rotateMasterKey();

    /**
     * Re-wraps every subject key not yet wrapped by the primary master key, one committed batch at
     * a time, so an interrupted run resumes where it stopped (also after an operator rotated the
     * keyset in {@code VERN_MASTER_KEYSET} by hand).
     */
    RewrapResult rewrapAll();

    /** The master key's id, age and last rotation, and how many subject keys it wraps. */
    MasterKeyStatus status();
}
