package no.vern.vendors.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.shared.Actors;
import no.vern.shared.JdbcTime;
import no.vern.shared.NotFound;
import no.vern.uploads.InspectedUpload;
import no.vern.uploads.UploadInspector;
import no.vern.uploads.UploadPurpose;
import no.vern.vendors.AgreementDocument;
import no.vern.vendors.AgreementDocuments;

/**
 * The signed agreement documents in {@code vendors_agreement_document}: every file passes the upload gate for
 * contracts first (type from content, PDF/DOCX/ODT only, polyglot and zip-bomb checks, virus scan); one per agreement.
 */
@Service
class AgreementDocumentStore implements AgreementDocuments {

    private static final int MAX_FILENAME = 200;

    private final JdbcClient jdbc;
    private final UploadInspector uploads;
    private final AuditLog audit;
    private final Clock clock;

    AgreementDocumentStore(JdbcClient jdbc, UploadInspector uploads, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.uploads = uploads;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public AgreementDocument attach(UUID vendorId, UUID agreementId, @Nullable String filename,
            @Nullable String declaredType, byte[] content) {
        requireAgreement(vendorId, agreementId);
        InspectedUpload inspected = uploads.inspect(filename, declaredType, content, UploadPurpose.CONTRACT);
        AgreementDocument document = new AgreementDocument(agreementId, safeName(filename, inspected), inspected.mediaType(),
                content.length, sha256(content), inspected.scanned(), Actors.current().reference(), clock.instant());
        jdbc.sql("""
                INSERT INTO vendors_agreement_document (agreement_id, filename, media_type, size, sha256, scanned, content,
                                                        uploaded_by, uploaded_at)
                VALUES (:a, :name, :type, :size, :sha, :scanned, :content, :by, :at)
                ON CONFLICT (agreement_id) DO UPDATE SET filename = :name, media_type = :type, size = :size, sha256 = :sha,
                       scanned = :scanned, content = :content, uploaded_by = :by, uploaded_at = :at""")
                .param("a", agreementId).param("name", document.filename()).param("type", document.mediaType())
                .param("size", document.size()).param("sha", document.sha256()).param("scanned", document.scanned())
                .param("content", content).param("by", document.uploadedBy())
                .param("at", JdbcTime.param(document.uploadedAt())).update();
        audit.record(AuditEvent.of("vendors.agreement.document.uploaded", Outcome.SUCCESS)
                .withTargets("vendor:" + vendorId, "agreement:" + agreementId));
        return document;
    }

    @Override
    public Map<UUID, AgreementDocument> of(UUID vendorId) {
        Map<UUID, AgreementDocument> documents = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT d.agreement_id, d.filename, d.media_type, d.size, d.sha256, d.scanned, d.uploaded_by, d.uploaded_at
                  FROM vendors_agreement_document d JOIN vendors_agreement a ON a.id = d.agreement_id
                 WHERE a.vendor_id = :v""").param("v", vendorId).query(AgreementDocumentStore::document).list()
                .forEach(d -> documents.put(d.agreementId(), d));
        return documents;
    }

    @Override
    @Transactional
    public File download(UUID vendorId, UUID agreementId) {
        File file = jdbc.sql("""
                SELECT d.agreement_id, d.filename, d.media_type, d.size, d.sha256, d.scanned, d.uploaded_by, d.uploaded_at,
                       d.content
                  FROM vendors_agreement_document d JOIN vendors_agreement a ON a.id = d.agreement_id
                 WHERE a.vendor_id = :v AND d.agreement_id = :a""").param("v", vendorId).param("a", agreementId)
                .query((rs, n) -> new File(document(rs, n), rs.getBytes("content"))).optional()
                .orElseThrow(() -> new NotFound("Agreement document", agreementId));
        audit.record(AuditEvent.of("vendors.agreement.document.downloaded", Outcome.SUCCESS)
                .withTargets("vendor:" + vendorId, "agreement:" + agreementId));
        return file;
    }

    private void requireAgreement(UUID vendorId, UUID agreementId) {
        long found = jdbc.sql("SELECT count(*) FROM vendors_agreement WHERE id = :a AND vendor_id = :v")
                .param("a", agreementId).param("v", vendorId).query((rs, n) -> rs.getLong(1)).single();
        if (found == 0) {
            throw new NotFound("Agreement", agreementId);
        }
    }

    /** A file name safe for a Content-Disposition header: letters, digits, dot, dash, underscore; the type's extension. */
    static String safeName(@Nullable String filename, InspectedUpload inspected) {
        String base = filename == null ? "" : filename.replaceAll(".*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        String stem = (dot > 0 ? base.substring(0, dot) : base).replaceAll("[^\\p{L}\\p{N}._-]+", "_");
        if (stem.isBlank() || stem.chars().allMatch(c -> c == '_' || c == '.')) {
            stem = "agreement";
        }
        String extension = inspected.type().extensions().get(0);
        String name = stem + "." + extension.toLowerCase(Locale.ROOT);
        return name.length() > MAX_FILENAME ? name.substring(name.length() - MAX_FILENAME) : name;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static AgreementDocument document(ResultSet rs, int n) throws SQLException {
        Instant at = JdbcTime.instant(rs, "uploaded_at");
        return new AgreementDocument(rs.getObject("agreement_id", UUID.class), rs.getString("filename"),
                rs.getString("media_type"), rs.getLong("size"), rs.getString("sha256"), rs.getBoolean("scanned"),
                rs.getString("uploaded_by"), at == null ? Instant.EPOCH : at);
    }
}
