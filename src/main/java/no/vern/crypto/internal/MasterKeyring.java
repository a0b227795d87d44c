package no.vern.crypto.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import no.vern.shared.SubjectId;

/**
 * The master keyset that wraps subject data keys: wraps with its primary key, unwraps with any of
 * its keys, and grows a new primary on rotation (saved back to its file).
 */
final class MasterKeyring {

    private record State(KeysetHandle handle, Aead aead) {
    }

    private final AtomicReference<State> state;
    private final @Nullable Path file;

    MasterKeyring(KeysetHandle handle, @Nullable Path file) {
        this.state = new AtomicReference<>(stateOf(handle));
        this.file = file;
    }

    private State current() {
        return Objects.requireNonNull(state.get());
    }

    /** The master keyset itself, for tests and rotation only. */
    KeysetHandle handle() {
        return current().handle();
    }

    /** Id of the primary master key, as stored in {@code subject_key.master_key_id}. */
    long primaryKeyId() {
        return Integer.toUnsignedLong(current().handle().getPrimary().getId());
    }

    /** Encrypts a subject's data keyset; the subject id is the associated data, so it cannot be moved. */
    byte[] wrap(KeysetHandle dataKeyset, SubjectId subject) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.serializeEncryptedKeyset(dataKeyset, current().aead(), associatedData(subject));
    }

    /** Decrypts a wrapped data keyset of the subject with whichever master key wrapped it. */
    KeysetHandle unwrap(byte[] wrapped, SubjectId subject) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, current().aead(), associatedData(subject),
                RegistryConfiguration.get());
    }

    /** Adds a fresh AES256-GCM key as primary and saves the keyset to its file; returns the new id. */
    synchronized long rotate() {
        if (file == null) {
            throw new IllegalStateException("The master keyset comes from VERN_MASTER_KEYSET and cannot be saved "
                    + "back: add a new primary key to it by hand (tinkey), restart, then re-wrap");
        }
        try {
            KeysetHandle current = current().handle();
            KeysetHandle rotated = KeysetHandle.newBuilder(current)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            KeysetFiles.replace(file, rotated);
            state.set(stateOf(rotated));
            return primaryKeyId();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not rotate the master key (" + e.getClass().getSimpleName()
                    + "); the keyset file is unchanged");
        }
    }

    static byte[] associatedData(SubjectId subject) {
        return ByteBuffer.allocate(16).putLong(subject.value().getMostSignificantBits())
                .putLong(subject.value().getLeastSignificantBits()).array();
    }

    private static State stateOf(KeysetHandle handle) {
        try {
            return new State(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master keyset is not an AEAD keyset (" + e.getClass().getSimpleName()
                    + "); generate one with tinkey: --key-template AES256_GCM");
        }
    }

    @Override
    public String toString() {
        return "MasterKeyring[primaryKeyId=" + primaryKeyId() + ", keys=" + handle().size() + "]";
    }
}
