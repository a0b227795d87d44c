package no.vern.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.HmacParameters;

import no.vern.crypto.BlindIndex;
import no.vern.shared.InvalidInput;

/**
 * Blind indexes with a Tink HMAC-SHA256 keyset (no output prefix) of its own; the input is
 * length-prefixed by kind, so an email and a phone number never share an index value.
 */
final class HmacBlindIndex implements BlindIndex {

    /** Length of every index value. */
    static final int LENGTH = 16;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** The index keyset parameters Vern generates: HMAC-SHA256, 32-byte key, full tag, no prefix. */
    static HmacParameters parameters() {
        try {
            return HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(32)
                    .setHashType(HmacParameters.HashType.SHA256).setVariant(HmacParameters.Variant.NO_PREFIX).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final List<Mac> macs;

    HmacBlindIndex(KeysetHandle keyset) {
        this.macs = macsOf(keyset);
    }

    @Override
    public byte[] of(String kind, String normalisedValue) {
        return compute(macs.get(0), kind, normalisedValue);
    }

    @Override
    public List<byte[]> candidates(String kind, String normalisedValue) {
        return macs.stream().map(mac -> compute(mac, kind, normalisedValue)).toList();
    }

    private static byte[] compute(Mac mac, String kind, String value) {
        if (!KIND.matcher(kind).matches()) {
            throw new InvalidInput("kind", "is not a blind-index kind", "crypto.error.blindIndexKind");
        }
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] input = ByteBuffer.allocate(4 + k.length + v.length).putInt(k.length).put(k).put(v).array();
        try {
            return Arrays.copyOf(mac.computeMac(input), LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The blind-index key failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** One MAC per enabled key, primary first, each over a single-key keyset. */
    private static List<Mac> macsOf(KeysetHandle keyset) {
        List<Mac> result = new ArrayList<>();
        try {
            KeysetHandle.Entry primary = keyset.getPrimary();
            result.add(macOf(primary));
            for (int i = 0; i < keyset.size(); i++) {
                KeysetHandle.Entry entry = keyset.getAt(i);
                if (!entry.isPrimary() && entry.getStatus() == KeyStatus.ENABLED) {
                    result.add(macOf(entry));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The blind-index keyset cannot be used (" + e.getClass().getSimpleName() + ")");
        }
        return List.copyOf(result);
    }

    private static Mac macOf(KeysetHandle.Entry entry) throws GeneralSecurityException {
        if (!(entry.getKey() instanceof HmacKey key) || key.getParameters().getVariant() != HmacParameters.Variant.NO_PREFIX
                || key.getParameters().getHashType() != HmacParameters.HashType.SHA256
                || key.getParameters().getCryptographicTagSizeBytes() < LENGTH) {
            throw new IllegalStateException("The blind-index keyset must hold HMAC-SHA256 keys without output prefix "
                    + "(tinkey template HMAC_SHA256_256BITTAG_RAW)");
        }
        KeysetHandle single = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(key).withFixedId(entry.getId()).makePrimary()).build();
        return single.getPrimitive(RegistryConfiguration.get(), Mac.class);
    }

    @Override
    public String toString() {
        return "HmacBlindIndex[keys=" + macs.size() + "]";
    }
}
