package no.vern.register.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.UnknownPurpose;
import no.vern.register.Categories;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.shared.EmailAddresses;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.PhoneNumbers;
import no.vern.shared.Rejected;

/**
 * Validation and normalisation of what a caller gives the register: each category must be needed
 * for the purpose in the record of processing (GDPR Art. 5(1)(c), S8) and be well-formed; errors
 * are collected per field so one answer names them all.
 */
@Component
class RecordValidation {

    private static final int MAX_TEXT = 20_000;

    private final ProcessingRecord processing;

    RecordValidation(ProcessingRecord processing) {
        this.processing = processing;
    }

    /** A validated, normalised value to store under a category. */
    record Pending(String category, String field, String value) {

        @Override
        public String toString() {
            return "Pending[" + category + "]";
        }
    }

    /** A validated organisation. */
    record OrgValue(String name, @Nullable String orgNumber, @Nullable String address) {
    }

    /** Validates and normalises the given categories against the purpose (GDPR Art. 5(1)(c), S8). */
    List<Pending> validate(String purpose, PersonalData data, List<FieldError> errors) {
        return validate(processing.requirePurpose(purpose), data, errors);
    }

    /** As {@link #validate(String, PersonalData, List)} for a purpose already looked up. */
    List<Pending> validate(Purpose known, PersonalData data, List<FieldError> errors) {
        return validate(known, processing.dataCategoriesOf(known.key()), data, errors);
    }

    /** As {@link #validate(Purpose, PersonalData, List)} against a version of the record already read. */
    List<Pending> validate(ProcessingRecordDocument record, Purpose known, PersonalData data, List<FieldError> errors) {
        List<String> allowed = record.activityOf(known.key()).map(a -> a.dataCategories())
                .orElseThrow(() -> new UnknownPurpose(known.key()));
        return validate(known, allowed, data, errors);
    }

    private List<Pending> validate(Purpose known, List<String> allowed, PersonalData data, List<FieldError> errors) {
        String purpose = known.key();
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<String, String> given : data.givenCategories().entrySet()) {
            String category = given.getKey();
            String field = given.getValue();
            if (!allowed.contains(category)) {
                errors.add(FieldError.coded(field, "is not needed for purpose '" + purpose + "' (data minimisation)",
                        "error.field.notNeeded", "purpose:" + purpose));
                continue;
            }
            try {
                pending.add(new Pending(category, field, normalise(category, data)));
            } catch (Rejected e) {
                errors.add(e.at(field));
            }
        }
        return pending;
    }

    /** A category is normalised only when the data holds it; a missing value is refused, not stored. */
    private static <T> T present(@Nullable T value) {
        if (value == null) {
            throw new Rejected("is required", "error.field.required");
        }
        return value;
    }

    private static String normalise(String category, PersonalData data) {
        switch (category) {
            case Categories.NAME:
                return Text.line(data.name(), 200, "is required");
            case Categories.EMAIL:
                return EmailAddresses.normalise(present(data.email()));
            case Categories.PHONE:
                return PhoneNumbers.normalise(present(data.phone()));
            case Categories.POSTAL_ADDRESS:
                return PostalAddresses.format(PostalAddresses.normalise(present(data.postalAddress())));
            case Categories.BANK_INFORMATION:
                return BankAccounts.normalise(present(data.bankAccount()));
            case Categories.PURCHASE_HISTORY:
                return Text.block(present(data.purchaseHistory()), MAX_TEXT);
            case Categories.CV:
                return Text.block(present(data.cv()), MAX_TEXT);
            case Categories.RECRUITER_NOTES:
                return Text.block(present(data.recruiterNotes()), MAX_TEXT);
            default:
                throw new Rejected("is not a category the register stores", "error.field.unknownCategory");
        }
    }

    /** The validated organisation, or null when none was given or its name is invalid (then errors say why). */
    static @Nullable OrgValue organisation(@Nullable OrganisationInput input, List<FieldError> errors) {
        if (input == null) {
            return null;
        }
        String name = null;
        String number = null;
        String address = null;
        try {
            name = Text.line(input.name(), 200, "is required");
        } catch (Rejected e) {
            errors.add(e.at("organisation.name"));
        }
        if (input.orgNumber() != null && !input.orgNumber().isBlank()) {
            try {
                number = OrgNumbers.normalise(input.orgNumber());
            } catch (Rejected e) {
                errors.add(e.at("organisation.orgNumber"));
            }
        }
        if (input.businessAddress() != null && !input.businessAddress().isBlank()) {
            try {
                address = Text.line(input.businessAddress(), 300, "is required");
            } catch (Rejected e) {
                errors.add(e.at("organisation.businessAddress"));
            }
        }
        return name == null ? null : new OrgValue(name, number, address);
    }
}
