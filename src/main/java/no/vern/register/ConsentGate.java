package no.vern.register;

import no.vern.shared.SubjectId;

/**
 * The register's SPI for S4/S5: asked inside the register's write path before anything is stored
 * for a consent-based purpose or about a prospect, candidate or event participant. The consent
 * module implements it; without an implementation the register refuses (no consent exists).
 */
public interface ConsentGate {

    /** Whether the subject has a current, unwithdrawn consent for the purpose. */
    boolean permits(SubjectId subject, String purposeKey);
}
