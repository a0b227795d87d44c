package no.vern.communications;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A person objected to direct marketing (S7, GDPR Art. 21(2)–(3)): to one list, or to all when
 * {@code listId} is null. Honoured from the next send on; ids only.
 *
 * @param subject the subject
 * @param listId the list, or null for all lists
 */
public record ObjectionRecorded(SubjectId subject, @Nullable UUID listId) {
}
