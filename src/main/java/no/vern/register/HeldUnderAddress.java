package no.vern.register;

import java.util.List;
import java.util.Map;
import java.util.Set;

import no.vern.shared.SubjectId;

/**
 * What the register holds of one person, read in one statement by {@link SubjectRegister#readAllUnder} for the right
 * of access (GDPR Art. 15; issue 28 item 5). Personal data: {@code toString()} names counts only.
 *
 * @param found the live subjects found under the address now (as {@link SubjectRegister#findByEmail} finds them)
 * @param live of the subjects found and the subjects given as known, those that are held and visible to the caller
 *        (an erased subject is not)
 * @param records the records read of each live subject, in the order collected; a subject restricted under Art. 18
 *        has none (nothing of it is used)
 */
public record HeldUnderAddress(List<SubjectId> found, Set<SubjectId> live, Map<SubjectId, List<RecordView>> records) {

    public HeldUnderAddress {
        found = List.copyOf(found);
        live = Set.copyOf(live);
        records = Map.copyOf(records);
    }

    /** The records read of one subject (none when it was not read). */
    public List<RecordView> of(SubjectId subject) {
        return records.getOrDefault(subject, List.of());
    }

    @Override
    public String toString() {
        return "HeldUnderAddress[" + found.size() + " found, " + live.size() + " live, "
                + records.values().stream().mapToInt(List::size).sum() + " records]";
    }
}
