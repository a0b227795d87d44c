package no.vern.register;

import no.vern.shared.SubjectId;

/** A subject was entered into the register; carries the id only (for consent and retention). */
public record SubjectRegistered(SubjectId subject) {
}
