package no.vern.register;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import no.vern.processing.LegalBasis;

/**
 * One decrypted personal-data record, as returned for a purpose it is held for; masked
 * {@code toString()}.
 *
 * @param id record id
 * @param category data category key
 * @param value the decrypted, normalised value (a postal address is four lines)
 * @param source where it came from
 * @param purposes the purposes it is held for
 * @param legalBasis the legal basis it rests on
 * @param collectedAt when it was collected
 * @param confirmedAt when it was last confirmed
 */
public record RecordView(UUID id, String category, String value, Source source, List<String> purposes,
        LegalBasis legalBasis, Instant collectedAt, Instant confirmedAt) {

    public RecordView {
        purposes = List.copyOf(purposes);
    }

    @Override
    public String toString() {
        return "RecordView[" + id + ", " + category + ", ***]";
    }
}
