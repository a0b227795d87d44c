package no.vern.register.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import no.vern.crypto.SubjectCipher;
import no.vern.register.Categories;
import no.vern.register.ErasurePropagation;
import no.vern.shared.SubjectId;

/**
 * Hands a purpose-bound erasure on to the connected systems ({@link ErasurePropagation}, issue 20, item 7):
 * the subject's identifiers are read before the records go, and passed on once the erasure changed something.
 */
@Component
class PurposeErasureFanOut {

    private final ObjectProvider<ErasurePropagation> propagation;
    private final Subjects subjects;
    private final SubjectCipher cipher;

    PurposeErasureFanOut(ObjectProvider<ErasurePropagation> propagation, Subjects subjects, SubjectCipher cipher) {
        this.propagation = propagation;
        this.subjects = subjects;
        this.cipher = cipher;
    }

    /** The identifiers of a subject, read before an erasure (not logged, never leave the transaction). */
    record Identifiers(Set<String> emails, Set<String> phones) {

        @Override
        public String toString() {
            return "Identifiers[" + emails.size() + " emails, " + phones.size() + " phones]";
        }
    }

    Identifiers before(SubjectId subject) {
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        if (propagation.getIfAvailable() != null) {
            for (Subjects.StoredRecord r : subjects.records(subject)) {
                if (r.category().equals(Categories.EMAIL)) {
                    emails.add(cipher.decryptText(subject, r.category(), r.id(), r.ciphertext()));
                } else if (r.category().equals(Categories.PHONE)) {
                    phones.add(cipher.decryptText(subject, r.category(), r.id(), r.ciphertext()));
                }
            }
        }
        return new Identifiers(emails, phones);
    }

    void after(SubjectId subject, String purposeKey, Identifiers ids, int changed) {
        ErasurePropagation p = propagation.getIfAvailable();
        if (p != null && changed > 0 && !(ids.emails().isEmpty() && ids.phones().isEmpty())) {
            p.erasedForPurpose(subject, purposeKey, ids.emails(), ids.phones());
        }
    }
}
