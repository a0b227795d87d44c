package no.vern.processing.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import no.vern.processing.Activity;
import no.vern.processing.CompanyProfile;
import no.vern.processing.CompanyProfileRules;
import no.vern.processing.Contact;
import no.vern.processing.DataCategory;
import no.vern.processing.LocalizedText;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.Recipient;
import no.vern.shared.InvalidInput;

/**
 * Refuses a record that lacks what GDPR Art. 30(1) requires or what people are shown in both
 * languages; gaps that are lawful but need attention are warnings instead ({@link RecordChecks}).
 */
final class RecordValidator {

    static final Pattern KEY = Pattern.compile("[a-z][a-z0-9-]{1,60}");
    private static final String REQUIRED = "is required";
    private static final String BOTH_LANGUAGES = "needs text in Norwegian (nb) and English (en)";
    private static final String BOTH_LANGUAGES_CODE = "processing.error.bothLanguages";

    private RecordValidator() {
    }

    /** Throws {@link InvalidInput} naming every offending field. */
    static void validate(@Nullable ProcessingRecordDocument doc) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (doc == null) {
            throw new InvalidInput("record", REQUIRED, "error.field.required");
        }
        // GDPR Art. 30(1)(a): name and contact details of the controller and the DPO.
        contact("controller", doc.controller(), errors);
        contact("dataProtectionOfficer", doc.dataProtectionOfficer(), errors);
        if (doc.controller() != null && doc.dataProtectionOfficer() != null) {
            companyProfile(doc, errors);
        }
        Set<String> categoryKeys = new HashSet<>();
        for (int i = 0; i < doc.dataCategories().size(); i++) {
            DataCategory category = doc.dataCategories().get(i);
            String path = "dataCategories[" + i + "]";
            if (category == null || category.key() == null || !KEY.matcher(category.key()).matches()) {
                errors.add(InvalidInput.FieldError.coded(path + ".key", "must be a lower-case key such as 'email'", "processing.error.key", "email"));
                continue;
            }
            if (!categoryKeys.add(category.key())) {
                errors.add(InvalidInput.FieldError.coded(path + ".key", "is used twice", "processing.error.usedTwice"));
            }
            text(path + ".name", category.name(), errors);
        }
        if (doc.activities().isEmpty()) {
            errors.add(InvalidInput.FieldError.coded("activities", "needs at least one processing activity", "processing.error.noActivity"));
        }
        Set<String> activityIds = new HashSet<>();
        Set<String> purposeKeys = new HashSet<>();
        for (int i = 0; i < doc.activities().size(); i++) {
            Activity activity = doc.activities().get(i);
            String path = "activities[" + i + "]";
            if (activity == null) {
                errors.add(InvalidInput.FieldError.coded(path, REQUIRED, "error.field.required"));
                continue;
            }
            if (activity.id() == null || !KEY.matcher(activity.id()).matches()) {
                errors.add(InvalidInput.FieldError.coded(path + ".id", "must be a lower-case key such as 'customers'", "processing.error.key", "customers"));
            } else if (!activityIds.add(activity.id())) {
                errors.add(InvalidInput.FieldError.coded(path + ".id", "is used twice", "processing.error.usedTwice"));
            }
            text(path + ".name", activity.name(), errors);
            text(path + ".description", activity.description(), errors);
            text(path + ".source", activity.source(), errors);
            // GDPR Art. 30(1)(b): the purposes.
            if (activity.purposes().isEmpty()) {
                errors.add(InvalidInput.FieldError.coded(path + ".purposes", "needs at least one purpose", "processing.error.noPurpose"));
            }
            for (int p = 0; p < activity.purposes().size(); p++) {
                purpose(path + ".purposes[" + p + "]", activity.purposes().get(p), purposeKeys, errors);
            }
            // GDPR Art. 30(1)(c): categories of data subjects and of personal data.
            if (activity.subjects().isEmpty()) {
                errors.add(InvalidInput.FieldError.coded(path + ".subjects", "needs at least one known kind of data subject",
                        "processing.error.noSubjects"));
            }
            if (activity.dataCategories().isEmpty()) {
                errors.add(InvalidInput.FieldError.coded(path + ".dataCategories", "needs at least one data category",
                        "processing.error.noDataCategory"));
            }
            for (String key : activity.dataCategories()) {
                if (!categoryKeys.contains(key)) {
                    errors.add(InvalidInput.FieldError.coded(path + ".dataCategories",
                            "refers to a data category that is not in the catalogue", "processing.error.unknownCategory"));
                    break;
                }
            }
            // GDPR Art. 30(1)(d), (e): recipients and transfers.
            for (int r = 0; r < activity.recipients().size(); r++) {
                recipient(path + ".recipients[" + r + "]", activity.recipients().get(r), errors);
            }
            if (activity.security() != null && !activity.security().complete()
                    && !(activity.security().nb().isBlank() && activity.security().en().isBlank())) {
                errors.add(InvalidInput.FieldError.coded(path + ".security", BOTH_LANGUAGES, BOTH_LANGUAGES_CODE));
            }
        }
        // GDPR Art. 30(1)(g): a general description of the security measures.
        if (doc.security().technical().isEmpty()) {
            errors.add(InvalidInput.FieldError.coded("security.technical", "needs at least one technical measure",
                    "processing.error.noTechnicalMeasure"));
        }
        if (doc.security().organisational().isEmpty()) {
            errors.add(InvalidInput.FieldError.coded("security.organisational", "needs at least one organisational measure",
                    "processing.error.noOrganisationalMeasure"));
        }
        for (int i = 0; i < doc.security().technical().size(); i++) {
            text("security.technical[" + i + "]", doc.security().technical().get(i), errors);
        }
        for (int i = 0; i < doc.security().organisational().size(); i++) {
            text("security.organisational[" + i + "]", doc.security().organisational().get(i), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static void purpose(String path, @Nullable Purpose purpose, Set<String> keys,
            List<InvalidInput.FieldError> errors) {
        if (purpose == null) {
            errors.add(InvalidInput.FieldError.coded(path, REQUIRED, "error.field.required"));
            return;
        }
        if (purpose.key() == null || !KEY.matcher(purpose.key()).matches()) {
            errors.add(InvalidInput.FieldError.coded(path + ".key", "must be a lower-case key such as 'newsletter'",
                    "processing.error.key", "newsletter"));
        } else if (!keys.add(purpose.key())) {
            errors.add(InvalidInput.FieldError.coded(path + ".key", "is used by another purpose", "processing.error.purposeKeyTaken"));
        }
        text(path + ".name", purpose.name(), errors);
        text(path + ".description", purpose.description(), errors);
        if (purpose.legalBasisNote() != null && !purpose.legalBasisNote().complete()
                && !(purpose.legalBasisNote().nb().isBlank() && purpose.legalBasisNote().en().isBlank())) {
            errors.add(InvalidInput.FieldError.coded(path + ".legalBasisNote", BOTH_LANGUAGES, BOTH_LANGUAGES_CODE));
        }
        if (purpose.retention() != null) {
            text(path + ".retention.description", purpose.retention().description(), errors);
            if (purpose.retention().period() != null && purpose.retention().period().isNegative()) {
                errors.add(InvalidInput.FieldError.coded(path + ".retention.period", "must not be negative",
                        "processing.error.negativePeriod"));
            }
        }
    }

    private static void recipient(String path, @Nullable Recipient recipient, List<InvalidInput.FieldError> errors) {
        if (recipient == null) {
            errors.add(InvalidInput.FieldError.coded(path, REQUIRED, "error.field.required"));
            return;
        }
        text(path + ".name", recipient.name(), errors);
        if (recipient.kind() == null) {
            errors.add(InvalidInput.FieldError.coded(path + ".kind", "must be PROCESSOR, CONTROLLER or AUTHORITY",
                    "processing.error.recipientKind"));
        }
        if (recipient.country() == null || recipient.country().isBlank()) {
            errors.add(InvalidInput.FieldError.coded(path + ".country", REQUIRED, "error.field.required"));
        }
    }

    /**
     * The company profile's rules for a whole-record change too (organisation number, domains, footer, authority),
     * so the record cannot take what the settings page refuses; the contacts' name and mailbox are checked above.
     */
    private static void companyProfile(ProcessingRecordDocument doc, List<InvalidInput.FieldError> errors) {
        for (CompanyProfileRules.Violation v : CompanyProfileRules.check(CompanyProfile.of(doc))) {
            String path = switch (v.field()) {
                case "legalName", "privacyMailbox", "dpoName", "dpoEmail" -> null;
                case "organisationNumber", "phone", "website" -> "controller." + v.field();
                case "postalAddress" -> "controller.address";
                case "dpoPhone" -> "dataProtectionOfficer.phone";
                default -> "company." + v.field();
            };
            if (path != null) {
                errors.add(InvalidInput.FieldError.coded(path, v.message(), v.messageCode()));
            }
        }
    }

    private static void contact(String path, @Nullable Contact contact, List<InvalidInput.FieldError> errors) {
        if (contact == null) {
            errors.add(InvalidInput.FieldError.coded(path, REQUIRED, "error.field.required"));
            return;
        }
        if (contact.name() == null || contact.name().isBlank()) {
            errors.add(InvalidInput.FieldError.coded(path + ".name", REQUIRED, "error.field.required"));
        }
        if (contact.email() == null || !contact.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(InvalidInput.FieldError.coded(path + ".email", "must be an email address", "error.field.email"));
        }
    }

    private static void text(String path, @Nullable LocalizedText text, List<InvalidInput.FieldError> errors) {
        if (text == null || !text.complete()) {
            errors.add(InvalidInput.FieldError.coded(path, BOTH_LANGUAGES, BOTH_LANGUAGES_CODE));
        }
    }
}
