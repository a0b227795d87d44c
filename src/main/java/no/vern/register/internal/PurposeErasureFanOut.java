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

    /**
     * {@link #before} for many subjects with one query (a purge batch), read only when a connected system holds one of
     * the purposes (issue 28 item 8: nothing is decrypted for purposes no system holds); empty identifiers otherwise.
     */
    java.util.Map<SubjectId, Identifiers> before(java.util.Collection<SubjectId> many, java.util.Collection<String> purposes) {
        java.util.Map<SubjectId, Identifiers> result = new java.util.HashMap<>();
        ErasurePropagation p = propagation.getIfAvailable();
        if (p == null || many.isEmpty() || p.propagated(purposes).isEmpty()) {
            return result;
        }
        subjects.identifierRecords(many).forEach((subject, records) -> {
            Set<String> emails = new LinkedHashSet<>();
            Set<String> phones = new LinkedHashSet<>();
            for (Subjects.StoredRecord r : records) {
                (r.category().equals(Categories.EMAIL) ? emails : phones)
                        .add(cipher.decryptText(subject, r.category(), r.id(), r.ciphertext()));
            }
            result.put(subject, new Identifiers(emails, phones));
        });
        return result;
    }

    /** One subject and purpose whose records an erasure changed, with the identifiers read before it. */
    record Erased(SubjectId subject, String purposeKey, Identifiers identifiers, int changed) {
    }

    void after(SubjectId subject, String purposeKey, Identifiers ids, int changed) {
        after(java.util.List.of(new Erased(subject, purposeKey, ids, changed)));
    }

    /**
     * Hands the erasures that changed something and whose subject has an identifier on to the connected systems, in
     * one call (a purge batch: one fan-out call per batch).
     */
    void after(java.util.List<Erased> erased) {
        ErasurePropagation p = propagation.getIfAvailable();
        if (p == null) {
            return;
        }
        java.util.List<ErasurePropagation.PurposeErased> reaching = erased.stream()
                .filter(e -> e.changed() > 0 && !(e.identifiers().emails().isEmpty() && e.identifiers().phones().isEmpty()))
                .map(e -> new ErasurePropagation.PurposeErased(e.subject(), e.purposeKey(), e.identifiers().emails(),
                        e.identifiers().phones()))
                .toList();
        if (!reaching.isEmpty()) {
            p.erasedForPurposes(reaching);
        }
    }
}
