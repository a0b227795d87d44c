package no.vern.processing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The record of processing activities (GDPR Art. 30): the one place that says which purposes
 * exist, on what legal basis, and what the published policy says. Other modules ask it before
 * they store or use personal data (S8, S10).
 */
public interface ProcessingRecord {

    /** The current version of the record. */
    RecordVersion current();

    /** An old or current version, if it exists. */
    Optional<RecordVersion> version(int version);

    /** The history, newest first. */
    List<VersionInfo> versions();

    /** The field-by-field difference between two versions; {@link no.vern.shared.NotFound} if either is missing. */
    RecordDiff diff(int from, int to);

    /** A purpose of the current version by its stable key. */
    Optional<Purpose> purpose(String key);

    /** Whether the current record has a purpose with this key; the register refuses anything else. */
    boolean isKnownPurpose(String key);

    /** Throws {@link UnknownPurpose} unless the current record has this purpose. */
    Purpose requirePurpose(String key);

    /** The legal basis of a purpose; {@link UnknownPurpose} if the purpose is missing or has none. */
    LegalBasis legalBasisOf(String purposeKey);

    /** The data category keys that may be processed under a purpose (S8: only what the purpose needs). */
    List<String> dataCategoriesOf(String purposeKey);

    /** The privacy policy generated from the current version, in Norwegian or English (S30). */
    PolicyText policy(Locale locale);

    /** The consent notice of one purpose, generated from the current version (S6). */
    NoticeText notice(String purposeKey, Locale locale);

    /**
     * The information owed to a person whose data was obtained from someone else, for one purpose (GDPR Art. 14(1)–(2)),
     * generated from the current version; the source (Art. 14(2)(f)) is added by the caller.
     */
    NoticeText sourceNotice(String purposeKey, Locale locale);

    /** What needs attention in the current version (purposes without retention, and so on). */
    List<RecordWarning> warnings();

    /**
     * Saves a changed record as a new version by the current actor; fails with
     * {@link StaleRecordVersion} if {@code basedOnVersion} is not the current version and with
     * {@link no.vern.shared.InvalidInput} if the document is incomplete.
     */
    RecordVersion update(int basedOnVersion, ProcessingRecordDocument changed, String changeNote);
}
