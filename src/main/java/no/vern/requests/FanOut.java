package no.vern.requests;

import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

import no.vern.shared.SubjectId;

/**
 * One operation of a case for the connected systems: whom to look for (the identifiers the case verified)
 * and what to do. {@code toString()} never shows the identifiers.
 *
 * @param caseId the request case
 * @param operation access, erasure or verifying an erasure
 * @param subject the subject in Vern's register, or null if the person is not in it
 * @param emails verified email addresses (normalised, lower case)
 * @param phones verified phone numbers (E.164)
 * @param purposeKeys the purposes in scope (empty: every purpose)
 */
@NamedInterface("spi")
public record FanOut(UUID caseId, Operation operation, @Nullable SubjectId subject, Set<String> emails,
        Set<String> phones, Set<String> purposeKeys) {

    public FanOut {
        emails = Set.copyOf(emails);
        phones = Set.copyOf(phones);
        purposeKeys = Set.copyOf(purposeKeys);
    }

    @Override
    public String toString() {
        return "FanOut[" + caseId + ", " + operation + ", " + emails.size() + " emails, " + phones.size() + " phones]";
    }
}
