package no.vern.vendors;

import java.time.Instant;
import java.util.UUID;

/**
 * The signed document of a data processing agreement, as stored after the upload gate.
 *
 * @param agreementId the agreement
 * @param filename the file name as uploaded (made safe)
 * @param mediaType the type detected from the content, never the client's claim
 * @param size bytes
 * @param sha256 hex SHA-256 of the content, so a copy can be compared with it
 * @param scanned whether a virus scanner checked it
 * @param uploadedBy who uploaded it (actor reference)
 * @param uploadedAt when
 */
public record AgreementDocument(UUID agreementId, String filename, String mediaType, long size, String sha256,
        boolean scanned, String uploadedBy, Instant uploadedAt) {
}
