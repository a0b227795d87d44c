package no.vern.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;

/**
 * Bulk, id-only views of the register for modules that work on many subjects at once (mailing-list
 * audiences, eligibility checks, suppression): which subjects hold an email address for a purpose,
 * and which subjects an email's keyed hash belongs to. Returns no personal data (ids, kinds,
 * purposes, blind-index hashes), so it is not audited; reading the values still goes through
 * {@link SubjectRegister#read}.
 */
public interface SubjectDirectory {

    /**
     * A page of subjects (not erased) that hold an email record for the purpose, ordered by id,
     * starting after the given id (null for the first page).
     */
    List<DirectoryEntry> withEmailFor(String purposeKey, @Nullable SubjectId after, int limit);

    /** The subject's entry, also for an erased subject (then without hashes and purposes); empty if unknown. */
    Optional<DirectoryEntry> entry(SubjectId subject);

    /**
     * The blind-index hashes an email address may be stored under (the primary index key first, then
     * older keys during a re-index); empty if it is not a valid address. Normalised as the register does.
     */
    List<byte[]> emailIndexes(String email);

    /** The live (not erased) subjects stored under any of these email hashes, each with the matching hash. */
    List<IndexMatch> byEmailIndexes(Collection<byte[]> hashes);

    /**
     * The same lookup as {@link #byEmailIndexes} as SQL that a bulk read embeds, so that a chunk of addresses is answered
     * in one statement (the eligibility API, issue 28 item 6). The register owns the text (its own tables); the caller
     * embeds it as a {@code LATERAL} subquery for each of its hashes, named by {@code hashExpression} (e.g. a column of
     * an {@code unnest}), so every hash is one index probe, and reads each row with {@link #matchedEntry}. Columns: {@code hash} (the matching hash), {@code subject_id}, {@code kinds},
     * {@code email_purposes}, {@code email_hashes} (all of the subject's email hashes) and {@code restricted} (GDPR
     * Art. 18, the same fact as {@link Restrictions#restrictedAmong}); one row per live (not erased) subject and hash.
     */
    String emailMatchesSql(String hashExpression);

    /** The subject of a row of {@link #emailMatchesSql} (not erased). */
    DirectoryEntry matchedEntry(ResultSet row) throws SQLException;

    /**
     * One subject as the directory sees it.
     *
     * @param id the subject
     * @param kinds its kinds
     * @param emailPurposes the purposes its email records are held for
     * @param emailIndexes the keyed hashes of its email addresses
     * @param erased whether it is erased
     */
    record DirectoryEntry(SubjectId id, Set<SubjectKind> kinds, Set<String> emailPurposes,
            List<byte[]> emailIndexes, boolean erased) {

        public DirectoryEntry {
            kinds = Set.copyOf(kinds);
            emailPurposes = Set.copyOf(emailPurposes);
            emailIndexes = List.copyOf(emailIndexes);
        }
    }

    /**
     * A subject found under an email hash.
     *
     * @param hash the hash that matched
     * @param entry the subject
     */
    record IndexMatch(byte[] hash, DirectoryEntry entry) {
    }
}
