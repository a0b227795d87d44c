package no.vern.register;

import java.util.List;

import no.vern.shared.SubjectId;

/**
 * What an erasure that may keep categories under a legal duty did (GDPR Art. 17(1), 17(3)(b)), as the register
 * found it afterwards: the categories erased, the categories kept (restricted, each with its release date), and
 * whether the subject was crypto-shredded because nothing was left.
 *
 * @param subject the subject
 * @param erasedCategories the categories whose records were deleted, sorted
 * @param kept the categories kept and restricted (empty when shredded)
 * @param shredded whether the subject's key was destroyed (nothing kept)
 */
public record ErasureOutcome(SubjectId subject, List<String> erasedCategories, List<KeptCategory> kept, boolean shredded) {

    public ErasureOutcome {
        erasedCategories = List.copyOf(erasedCategories);
        kept = List.copyOf(kept);
    }
}
