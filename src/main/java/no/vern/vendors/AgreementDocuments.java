package no.vern.vendors;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The signed documents of data processing agreements (GDPR Art. 28(3), (9)), stored through the upload gate and
 * downloaded by the privacy officer and the auditor. Uploads and downloads are audited with opaque ids only.
 */
public interface AgreementDocuments {

    /**
     * Stores the signed document of an agreement after the upload gate ({@link no.vern.uploads.UploadRefused} for a
     * refused file), replacing an earlier one; {@link no.vern.shared.NotFound} for an unknown agreement.
     */
    AgreementDocument attach(UUID vendorId, UUID agreementId, @Nullable String filename, @Nullable String declaredType,
            byte[] content);

    /** The documents of a vendor's agreements, by agreement id (no content). */
    Map<UUID, AgreementDocument> of(UUID vendorId);

    /** The document with its content, for a download (audited); {@link no.vern.shared.NotFound} when there is none. */
    File download(UUID vendorId, UUID agreementId);

    /**
     * A stored document with its content.
     *
     * @param document what is known about it
     * @param content the bytes as uploaded
     */
    record File(AgreementDocument document, byte[] content) {

        @Override
        public String toString() {
            return "AgreementDocuments.File[" + document.agreementId() + ", " + content.length + " bytes]";
        }
    }
}
