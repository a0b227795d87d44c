package no.vern.requests;

/**
 * The public half of the key that signs erasure certificates, published at {@code /.well-known/vern-erasure-key}
 * so that anyone (the person, Datatilsynet, a court) can check a certificate without Vern; the fingerprint is in
 * every certificate mail and can be shown in the privacy policy to tie the published key to the controller.
 *
 * @param pem the Ed25519 public key as PEM (SubjectPublicKeyInfo, RFC 8410)
 * @param fingerprint SHA-256 of the key's DER encoding, hex in groups of four
 */
public record CertificateKey(String pem, String fingerprint) {
}
