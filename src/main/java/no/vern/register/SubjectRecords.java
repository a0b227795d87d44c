package no.vern.register;

import java.util.List;
import java.util.Optional;

/**
 * What a purpose-bound read returns: the subject's summary and only the records held for the stated
 * purpose (S10); empty when nothing is held for it (and then the read was audited as refused).
 *
 * @param subject the summary (no personal data)
 * @param purpose the purpose the read was made for
 * @param records the records held for that purpose
 */
public record SubjectRecords(SubjectSummary subject, String purpose, List<RecordView> records) {

    public SubjectRecords {
        records = List.copyOf(records);
    }

    /** The first value of a category, if held for the purpose. */
    public Optional<String> value(String category) {
        return records.stream().filter(r -> r.category().equals(category)).map(RecordView::value).findFirst();
    }

    @Override
    public String toString() {
        return "SubjectRecords[" + subject.id() + ", " + purpose + ", " + records.size() + " records]";
    }
}
