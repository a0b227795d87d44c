package no.vern.processing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Recipient;
import no.vern.processing.RecipientRegister;
import no.vern.processing.RecipientStatement;
import no.vern.processing.Recipients;

/**
 * One rule for who receives an activity's data: the vendor register's companies that name the activity, then the
 * record's non-vendor recipients. A recipient of a processor kind in an old version of the record (written before
 * the vendor register was the source) is left out while a vendor register exists: it moved there (V26_20).
 */
@Component
class RecordRecipients implements Recipients {

    private final ObjectProvider<RecipientRegister> register;

    RecordRecipients(ObjectProvider<RecipientRegister> register) {
        this.register = register;
    }

    /** What the vendor register says today in a language, or null when no register exists. */
    @Nullable List<RecipientStatement> registered(Locale locale) {
        RecipientRegister r = register.getIfAvailable();
        return r == null ? null : List.copyOf(r.recipients(locale));
    }

    @Override
    public List<RecipientStatement> of(ProcessingRecordDocument doc, Activity activity, Locale locale) {
        return of(activity, registered(locale), locale);
    }

    @Override
    public List<RecipientStatement> all(ProcessingRecordDocument doc, Locale locale) {
        return all(doc, registered(locale), locale);
    }

    @Override
    public Map<String, List<RecipientStatement>> byActivity(ProcessingRecordDocument doc, Locale locale) {
        List<RecipientStatement> vendors = registered(locale);
        Map<String, List<RecipientStatement>> result = new LinkedHashMap<>();
        doc.activities().forEach(a -> result.put(a.id(), of(a, vendors, locale)));
        return result;
    }

    /** The recipients of an activity from the given register entries (null: no register). */
    static List<RecipientStatement> of(Activity activity, @Nullable List<RecipientStatement> registered, Locale locale) {
        List<RecipientStatement> result = new ArrayList<>();
        if (registered != null) {
            registered.stream().filter(r -> r.activities().contains(activity.id())).forEach(result::add);
        }
        for (Recipient r : activity.recipients()) {
            if (r.kind() == null || (registered != null && !r.kind().allowedInRecord())) {
                continue;
            }
            result.add(new RecipientStatement(r.name().in(locale), r.kind(), false, false, List.of(activity.id()),
                    activity.dataCategories(), List.of()));
        }
        return List.copyOf(result);
    }

    /** Every recipient of the record once, by name in the order the activities name them, with all its activities. */
    static List<RecipientStatement> all(ProcessingRecordDocument doc, @Nullable List<RecipientStatement> registered,
            Locale locale) {
        Map<String, RecipientStatement> byName = new LinkedHashMap<>();
        for (Activity a : doc.activities()) {
            for (RecipientStatement r : of(a, registered, locale)) {
                RecipientStatement known = byName.get(r.name());
                if (known == null) {
                    byName.put(r.name(), r);
                } else if (!known.vendor()) {
                    List<String> activities = new ArrayList<>(known.activities());
                    activities.addAll(r.activities());
                    List<String> categories = new ArrayList<>(known.dataCategories());
                    r.dataCategories().stream().filter(c -> !categories.contains(c)).forEach(categories::add);
                    byName.put(r.name(), new RecipientStatement(known.name(), known.kind(), false, false, activities,
                            categories, List.of()));
                }
            }
        }
        return List.copyOf(byName.values());
    }
}
