package no.vern.register;

import no.vern.shared.SubjectId;

/** A subject was erased by crypto-shredding (GDPR Art. 17); other modules erase their own data about it. */
public record SubjectErased(SubjectId subject) {
}
