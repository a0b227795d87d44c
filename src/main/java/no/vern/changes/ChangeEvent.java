package no.vern.changes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One change as other systems receive it, in the CloudEvents 1.0 structured JSON format. The {@code data} carries
 * ids, purpose keys and versions only, never personal data.
 *
 * @param specversion always {@code 1.0}
 * @param id the event's id, unique per event: subscribers deduplicate on it
 * @param source where it comes from ({@code /vern})
 * @param type what changed, e.g. {@code no.vern.consent.withdrawn}
 * @param subject the person's opaque id, or the request's or record's reference
 * @param time when the change was made
 * @param datacontenttype always {@code application/json}
 * @param data the change's details (see {@link Data})
 */
public record ChangeEvent(String specversion, UUID id, String source, String type, @Nullable String subject, Instant time,
        String datacontenttype, Data data) {

    /** The CloudEvents version of this envelope. */
    public static final String SPEC_VERSION = "1.0";

    /**
     * What changed, by reference.
     *
     * @param subjectId the person's opaque id, if the change is about a person
     * @param purposes the purpose keys concerned (empty when all or none)
     * @param references other opaque references (request id and kind, record version, list id)
     */
    public record Data(@Nullable String subjectId, List<String> purposes, Map<String, String> references) {

        public Data {
            purposes = List.copyOf(purposes);
            references = Map.copyOf(references);
        }
    }
}
