package no.vern.requests.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.SignatureConfig;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PublicKey;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.requests.RequestId;
import no.vern.shared.JdbcTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * Erasure certificates (verifiable erasure): a JSON document without personal data (case id, opaque subject
 * id, what was erased, what was kept under which duty, what the re-run search found), signed with Ed25519
 * through Tink. The private keyset lives in a file outside the database ({@code vern.requests.signing-keyset-file},
 * default {@code <data dir>/keys/certificate-signing-keyset.json}, generated on first use, mode 600); the
 * certificate's SHA-256 is recorded in the hash-chained audit log, so it can be shown to Datatilsynet.
 */
@Component
class Certificates {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final JsonMapper json;
    private final Path keysetFile;
    private volatile @Nullable KeysetHandle keyset;

    Certificates(JdbcClient jdbc, AuditLog audit, Clock clock, JsonMapper json,
            @Value("${vern.requests.signing-keyset-file:${vern.data-dir:./data}/keys/certificate-signing-keyset.json}") String keysetFile) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.keysetFile = Path.of(keysetFile).toAbsolutePath().normalize();
    }

    /** A signed certificate. */
    record Signed(UUID id, String body, String signature, String sha256) {
    }

    /** Signs and stores a certificate of a case; the hash goes into the audit log. */
    Signed issue(RequestId caseId, Map<String, Object> content) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Map<String, Object> document = new java.util.LinkedHashMap<>();
        document.put("type", "urn:vern:requests:erasure-certificate:1");
        document.put("certificate", id.toString());
        document.put("request", caseId.toString());
        document.put("issuedAt", now.toString());
        document.putAll(content);
        String body = json.writeValueAsString(document);
        byte[] signature;
        try {
            signature = keyset().getPrimitive(RegistryConfiguration.get(), PublicKeySign.class)
                    .sign(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a certificate (" + e.getClass().getSimpleName() + ")");
        }
        String sha = sha256(body);
        jdbc.sql("""
                INSERT INTO requests_certificate (id, case_id, body, signature, sha256, issued_at)
                VALUES (:id, :case, :body, :sig, :sha, :now)""").param("id", id).param("case", caseId.value())
                .param("body", body).param("sig", signature).param("sha", sha).param("now", JdbcTime.param(now)).update();
        audit.record(AuditEvent.by(RequestService.actor(), "requests.certificate.issue", Outcome.SUCCESS)
                .withTargets(caseId.reference(), "certificate:" + id, "sha256:" + sha));
        return new Signed(id, body, Base64.getEncoder().encodeToString(signature), sha);
    }

    /** The certificates of a case. */
    List<Signed> of(RequestId caseId) {
        return jdbc.sql("SELECT id, body, signature, sha256 FROM requests_certificate WHERE case_id = :c ORDER BY issued_at")
                .param("c", caseId.value())
                .query((rs, n) -> new Signed(rs.getObject("id", UUID.class), rs.getString("body"),
                        Base64.getEncoder().encodeToString(rs.getBytes("signature")), rs.getString("sha256")))
                .list();
    }

    /** Whether the signature over the body is Vern's (the public key of the signing keyset). */
    boolean verify(String body, String signatureBase64) {
        try {
            byte[] signature = Base64.getDecoder().decode(signatureBase64.strip());
            keyset().getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class)
                    .verify(signature, body.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The public keyset (JSON, no secret), for anyone who wants to check certificates offline. */
    String publicKeyset() {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset().getPublicKeysetHandle());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not export the public keyset");
        }
    }

    /** The opening line of a certificate's text (the form mailed to the person and pasted into the verification page). */
    static final String BEGIN = "-----BEGIN VERN ERASURE CERTIFICATE-----";
    static final String SIGNATURE = "-----ED25519 SIGNATURE (BASE64)-----";
    static final String END = "-----END VERN ERASURE CERTIFICATE-----";
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE, algorithm id-Ed25519, BIT STRING. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** The certificate as text: the signed JSON body and its signature between armour lines, each on its own line. */
    static String text(Signed signed) {
        return BEGIN + "\n" + signed.body() + "\n" + SIGNATURE + "\n" + signed.signature() + "\n" + END;
    }

    /** A certificate text split into the signed body and the signature, or empty when it is not one. */
    static Optional<Signed> parse(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        int begin = t.indexOf(BEGIN);
        int sig = t.indexOf(SIGNATURE);
        int end = t.indexOf(END);
        if (begin < 0 || sig < begin || end < sig) {
            return Optional.empty();
        }
        String body = t.substring(begin + BEGIN.length(), sig).strip();
        String signature = t.substring(sig + SIGNATURE.length(), end).replaceAll("\\s+", "");
        if (body.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Signed(new UUID(0, 0), body, signature, sha256(body)));
    }

    /**
     * The public key of the signing keyset as PEM (SubjectPublicKeyInfo, RFC 8410), so that anyone can check a
     * certificate offline with standard tools (OpenSSL, JCA) without Vern.
     */
    String publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKeyDer());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    /** The key's fingerprint: SHA-256 of its DER encoding, hex, in groups of four for reading aloud. */
    String fingerprint() {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKeyDer()));
            return String.join(" ", hex.split("(?<=\\G.{4})"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @com.google.crypto.tink.AccessesPartialKey
    private byte[] publicKeyDer() {
        try {
            com.google.crypto.tink.Key key = keyset().getPublicKeysetHandle().getPrimary().getKey();
            if (!(key instanceof Ed25519PublicKey ed) || ed.getParameters().getVariant() != Ed25519Parameters.Variant.NO_PREFIX) {
                throw new IllegalStateException("The certificate signing key is not a raw Ed25519 key");
            }
            byte[] raw = ed.getPublicKeyBytes().toByteArray();
            byte[] der = java.util.Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
            System.arraycopy(raw, 0, der, SPKI_PREFIX.length, raw.length);
            return der;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not read the certificate signing key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** An issued certificate by its hash: its id and when it was issued. */
    record OnRecord(UUID id, Instant issuedAt) {
    }

    Optional<OnRecord> findBySha256(String sha256) {
        return jdbc.sql("SELECT id, issued_at FROM requests_certificate WHERE sha256 = :s").param("s", sha256)
                .query((rs, n) -> new OnRecord(rs.getObject("id", UUID.class), JdbcTime.required(rs, "issued_at")))
                .optional();
    }

    /** Whether a certificate with this hash was issued. */
    boolean recorded(String sha256) {
        return jdbc.sql("SELECT count(*) FROM requests_certificate WHERE sha256 = :s").param("s", sha256)
                .query(Long.class).single() > 0;
    }

    Optional<Signed> find(UUID id) {
        return jdbc.sql("SELECT id, body, signature, sha256 FROM requests_certificate WHERE id = :id").param("id", id)
                .query((rs, n) -> new Signed(rs.getObject("id", UUID.class), rs.getString("body"),
                        Base64.getEncoder().encodeToString(rs.getBytes("signature")), rs.getString("sha256")))
                .optional();
    }

    private synchronized KeysetHandle keyset() {
        KeysetHandle loaded = keyset;
        if (loaded != null) {
            return loaded;
        }
        try {
            SignatureConfig.register();
            if (Files.exists(keysetFile)) {
                loaded = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(keysetFile), RegistryConfiguration.get(),
                        InsecureSecretKeyAccess.get());
            } else {
                KeysetHandle generated = KeysetHandle.generateNew(Ed25519Parameters.create());
                Files.createDirectories(Objects.requireNonNull(keysetFile.getParent()));
                Files.writeString(keysetFile, TinkJsonProtoKeysetFormat.serializeKeyset(generated, InsecureSecretKeyAccess.get()));
                try {
                    Files.setPosixFilePermissions(keysetFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                loaded = generated;
            }
            keyset = loaded;
            return loaded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The certificate signing keyset is not valid (" + e.getClass().getSimpleName() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("The certificate signing keyset could not be read or written", e);
        }
    }

    static String sha256(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
