package no.vern.crypto.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 *
 * <p>A kind is checked once: its length-prefixed bytes are kept (at most {@value #KINDS_KEPT} kinds, a handful in
 * practice) and each call builds only its one input array (issue 28 item 6: the eligibility check hashes 100,000
 * addresses per call). The kept prefixes are immutable and shared by all threads; the Tink {@link Mac} is thread-safe.
 */
final class HmacBlindIndex implements BlindIndex {

    /** Length of every index value. */
    static final int LENGTH = 16;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    /** The most kinds whose checked prefix is kept; past it a kind is checked on every call (never unbounded). */
    static final int KINDS_KEPT = 32;

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
    /** Kinds that passed {@link #KIND}, each with its input prefix: the kind's UTF-8 length (4 bytes) and bytes. */
    private final ConcurrentMap<String, byte[]> prefixes = new ConcurrentHashMap<>();

    HmacBlindIndex(KeysetHandle keyset) {
        this.macs = macsOf(keyset);
    }

    @Override
    public byte[] of(String kind, String normalisedValue) {
        return compute(macs.get(0), input(prefix(kind), normalisedValue));
    }

    @Override
    public List<byte[]> candidates(String kind, String normalisedValue) {
        byte[] input = input(prefix(kind), normalisedValue);
        return macs.stream().map(mac -> compute(mac, input)).toList();
    }

    /** The kind's input prefix, checked against {@link #KIND} the first time it is seen. */
    private byte[] prefix(String kind) {
        byte[] prefix = prefixes.get(kind);
        if (prefix != null) {
            return prefix;
        }
        if (!KIND.matcher(kind).matches()) {
            throw new InvalidInput("kind", "is not a blind-index kind", "crypto.error.blindIndexKind");
        }
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        prefix = ByteBuffer.allocate(4 + k.length).putInt(k.length).put(k).array();
        if (prefixes.size() < KINDS_KEPT) {
            prefixes.putIfAbsent(kind, prefix);
        }
        return prefix;
    }

    /** The MAC's input: the kind's prefix, then the value in UTF-8, in one array (ASCII copied without an encoder). */
    private static byte[] input(byte[] prefix, String value) {
        int n = value.length();
        byte[] input = new byte[prefix.length + n];
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                byte[] v = value.getBytes(StandardCharsets.UTF_8);
                byte[] wide = Arrays.copyOf(prefix, prefix.length + v.length);
                System.arraycopy(v, 0, wide, prefix.length, v.length);
                return wide;
            }
            input[prefix.length + i] = (byte) c;
        }
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        return input;
    }

    private static byte[] compute(Mac mac, byte[] input) {
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
