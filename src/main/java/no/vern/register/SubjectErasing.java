package no.vern.register;

import java.util.List;

import no.vern.shared.SubjectId;

/**
 * A subject's personal data is about to be deleted (GDPR Art. 17): published synchronously inside the
 * erasure transaction, before the blind indexes go, so a module that must keep honouring an objection
 * or an erasure (a suppression list) can keep the keyed hashes of the email addresses. Carries hashes
 * only, never values; listeners are plain {@code @EventListener}s and run in the same transaction.
 *
 * @param subject the subject being erased
 * @param emailIndexes the blind-index hashes (HMAC) of its email addresses
 */
public record SubjectErasing(SubjectId subject, List<byte[]> emailIndexes) {

    public SubjectErasing {
        emailIndexes = List.copyOf(emailIndexes);
    }

    @Override
    public String toString() {
        return "SubjectErasing[" + subject + ", " + emailIndexes.size() + " email hashes]";
    }
}
