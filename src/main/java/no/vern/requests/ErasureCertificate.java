package no.vern.requests;

import java.util.UUID;

/**
 * A signed erasure certificate (verifiable erasure, S26): the JSON document (no personal data beyond the
 * opaque ids), its Ed25519 signature (Base64) and the SHA-256 recorded in the audit log.
 *
 * @param id the certificate id
 * @param body the signed JSON text
 * @param signature the signature over the UTF-8 bytes of {@code body}, Base64
 * @param sha256 hex SHA-256 of the body
 */
public record ErasureCertificate(UUID id, String body, String signature, String sha256) {
}
