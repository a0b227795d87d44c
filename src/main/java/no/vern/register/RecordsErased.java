package no.vern.register;

import no.vern.shared.SubjectId;

/** The records a subject had for one purpose were erased (e.g. after a consent withdrawal). */
public record RecordsErased(SubjectId subject, String purposeKey) {
}
