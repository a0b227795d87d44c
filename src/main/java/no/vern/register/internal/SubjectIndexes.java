package no.vern.register.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.springframework.stereotype.Component;

import no.vern.crypto.BlindIndex;
import no.vern.crypto.SubjectCipher;
import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.register.SubjectSummary;
import no.vern.shared.SubjectId;

/**
 * The blind indexes by which subjects are found without decrypting (email and phone): computed
 * from values being stored, rebuilt from what is stored after a change, and consulted for the
 * import's duplicate check.
 */
@Component
class SubjectIndexes {

    private final Subjects subjects;
    private final BlindIndex blindIndex;
    private final SubjectCipher cipher;

    SubjectIndexes(Subjects subjects, BlindIndex blindIndex, SubjectCipher cipher) {
        this.subjects = subjects;
        this.blindIndex = blindIndex;
        this.cipher = cipher;
    }

    /** Blind-index entries (kind, hash) of the email and phone values among the pending ones. */
    List<Subjects.IndexEntry> hashes(List<RecordValidation.Pending> pending) {
        List<Subjects.IndexEntry> entries = new ArrayList<>();
        for (RecordValidation.Pending p : pending) {
            if (p.category().equals(Categories.EMAIL)) {
                entries.add(new Subjects.IndexEntry("email", blindIndex.email(p.value())));
            } else if (p.category().equals(Categories.PHONE)) {
                entries.add(new Subjects.IndexEntry("phone", blindIndex.phone(p.value())));
            }
        }
        return entries;
    }

    /** Recomputes the subject's email and phone indexes from what is stored now. */
    void rebuild(SubjectId id) {
        List<RecordValidation.Pending> current = new ArrayList<>();
        for (Subjects.StoredRecord r : subjects.records(id)) {
            if (r.category().equals(Categories.EMAIL) || r.category().equals(Categories.PHONE)) {
                current.add(new RecordValidation.Pending(r.category(), r.category(),
                        cipher.decryptText(id, r.category(), r.id(), r.ciphertext())));
            }
        }
        subjects.deleteIndexes(id);
        subjects.addIndexes(id, hashes(current));
    }

    /** Subjects of any kind with this normalised email (or phone), for the import's duplicate check. */
    List<SubjectSummary> duplicates(String kind, String normalised) {
        return subjects.byIds(subjects.findByIndex(kind, blindIndex.candidates(kind, normalised)),
                EnumSet.allOf(SubjectKind.class)).stream().map(Subjects.Row::summary).toList();
    }
}
