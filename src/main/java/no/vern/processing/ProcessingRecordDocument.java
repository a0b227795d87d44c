package no.vern.processing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The whole record of processing activities as one document: what is versioned, exported and
 * turned into the published privacy policy.
 *
 * @param controller the controller (GDPR Art. 30(1)(a))
 * @param dataProtectionOfficer the data protection officer (GDPR Art. 30(1)(a))
 * @param dataCategories the catalogue of personal-data categories that activities refer to
 * @param activities the processing activities
 * @param security general technical and organisational measures (GDPR Art. 30(1)(g))
 * @param company the rest of the company profile (sender, footer, domains, complaint authority); absent in
 *        versions written before the profile existed ({@link CompanyProfile#of} derives it then)
 */
public record ProcessingRecordDocument(Contact controller, Contact dataProtectionOfficer,
        List<DataCategory> dataCategories, List<Activity> activities, SecurityMeasures security,
        @Nullable CompanyDetails company) {

    /** A record without a company block (as written before the company profile existed). */
    public ProcessingRecordDocument(Contact controller, Contact dataProtectionOfficer,
            List<DataCategory> dataCategories, List<Activity> activities, SecurityMeasures security) {
        this(controller, dataProtectionOfficer, dataCategories, activities, security, null);
    }

    public ProcessingRecordDocument {
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        activities = activities == null ? List.of() : List.copyOf(activities);
        security = security == null ? new SecurityMeasures(List.of(), List.of()) : security;
    }

    /** The company profile this record holds. */
    public CompanyProfile companyProfile() {
        return CompanyProfile.of(this);
    }

    /** The activity with this id, if any. */
    public Optional<Activity> activity(String id) {
        return activities.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The purpose with this key, wherever it is in the record. */
    public Optional<Purpose> purpose(String key) {
        return activities.stream().flatMap(a -> a.purposes().stream()).filter(p -> p.key().equals(key)).findFirst();
    }

    /** The activity that holds the purpose with this key. */
    public Optional<Activity> activityOf(String purposeKey) {
        return activities.stream().filter(a -> a.purposes().stream().anyMatch(p -> p.key().equals(purposeKey)))
                .findFirst();
    }

    /** Every purpose of the record in order. */
    public List<Purpose> purposes() {
        return activities.stream().flatMap(a -> a.purposes().stream()).toList();
    }

    /** The catalogue entry of a data category key, if any. */
    public Optional<DataCategory> dataCategory(String key) {
        return dataCategories.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /** A copy with one activity replaced (matched by id). */
    public ProcessingRecordDocument withActivity(Activity changed) {
        List<Activity> list = new ArrayList<>(activities);
        list.replaceAll(a -> a.id().equals(changed.id()) ? changed : a);
        return new ProcessingRecordDocument(controller, dataProtectionOfficer, dataCategories, list, security, company);
    }
}
