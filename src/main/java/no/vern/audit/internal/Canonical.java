package no.vern.audit.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The one canonical byte form of an entry at a chain position, and the chain hash over it.
 *
 * <p>{@code hash(n) = SHA-256(hash(n-1) || canonical(n))}, with 32 zero bytes before the first
 * entry. {@code canonical(n)} is a sequence of fields, each written as a 4-byte big-endian signed
 * length followed by that many bytes of UTF-8; an absent (SQL NULL) field is the length -1 with
 * no bytes. The fields, in order: the format tag {@code vern-audit-v1}, chain_seq (decimal),
 * entry id (decimal), occurred_at as microseconds since the epoch (decimal), actor, action,
 * outcome, purpose (nullable), the number of targets (decimal), each target, request_id
 * (nullable). Length prefixes make the encoding unambiguous: no choice of field values can make
 * two different entries encode to the same bytes.
 */
final class Canonical {

    /** The previous hash of the first chain position. */
    static final byte[] GENESIS = new byte[32];

    private static final String FORMAT = "vern-audit-v1";
    private static final HexFormat HEX = HexFormat.of();

    private Canonical() {
    }

    /** The chain hash of {@code entry} at position {@code chainSeq} following {@code previous}. */
    static byte[] hash(byte[] previous, long chainSeq, EntryRow entry) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(encode(chainSeq, entry));
        return sha256.digest();
    }

    /** The canonical bytes of an entry at a chain position (see the class comment). */
    static byte[] encode(long chainSeq, EntryRow entry) {
        var out = new ByteArrayOutputStream(256);
        field(out, FORMAT);
        field(out, Long.toString(chainSeq));
        field(out, Long.toString(entry.id()));
        field(out, Long.toString(micros(entry.occurredAt())));
        field(out, entry.actor());
        field(out, entry.action());
        field(out, entry.outcome());
        field(out, entry.purpose());
        field(out, Integer.toString(entry.targets().size()));
        for (String target : entry.targets()) {
            field(out, target);
        }
        field(out, entry.requestId());
        return out.toByteArray();
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    private static void field(ByteArrayOutputStream out, @Nullable String value) {
        if (value == null) {
            writeInt(out, -1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
