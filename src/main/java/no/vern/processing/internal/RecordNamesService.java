package no.vern.processing.internal;

import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecord;
import no.vern.shared.RecordNames;

/** Purposes and data categories named as the current record of processing names them, for every page's labels. */
@Component
class RecordNamesService implements RecordNames {

    private final ProcessingRecord record;

    RecordNamesService(ProcessingRecord record) {
        this.record = record;
    }

    @Override
    public Optional<String> purpose(String purposeKey, Locale language) {
        return record.purpose(purposeKey).map(p -> p.name().in(language));
    }

    @Override
    public Optional<String> activity(String activityId, Locale language) {
        return record.current().document().activity(activityId).map(a -> a.name().in(language));
    }

    @Override
    public Optional<String> category(String categoryKey, Locale language) {
        return record.current().document().dataCategory(categoryKey).map(d -> d.name().in(language));
    }
}
