package no.vern.changes;

import java.util.Arrays;
import java.util.Optional;

/** What changed; {@link #type()} is the CloudEvents {@code type} attribute subscribers filter on. */
public enum ChangeType {
    /** A consent was given or renewed (GDPR Art. 7(1)). */
    CONSENT_GIVEN("no.vern.consent.given"),
    /** A consent was withdrawn (Art. 7(3)). */
    CONSENT_WITHDRAWN("no.vern.consent.withdrawn"),
    /** A consent lapsed at its expiry. */
    CONSENT_EXPIRED("no.vern.consent.expired"),
    /** A person objected to direct marketing (Art. 21(2)–(3)). */
    OBJECTION_RECORDED("no.vern.objection.recorded"),
    /** Processing of a person was restricted (Art. 18). */
    RESTRICTION_SET("no.vern.restriction.set"),
    /** A restriction was lifted after the person was told (Art. 18(3)). */
    RESTRICTION_LIFTED("no.vern.restriction.lifted"),
    /** The records of one purpose were erased (retention, withdrawal, an erasure request). */
    RECORDS_ERASED("no.vern.records.erased"),
    /** A person was erased: the key is destroyed and every record gone (Art. 17). */
    SUBJECT_ERASED("no.vern.subject.erased"),
    /** A request from a data subject was completed. */
    REQUEST_COMPLETED("no.vern.request.completed"),
    /** A new version of the record of processing was published (Art. 30). */
    RECORD_CHANGED("no.vern.record.changed");

    private final String type;

    ChangeType(String type) {
        this.type = type;
    }

    /** The CloudEvents type, e.g. {@code no.vern.consent.withdrawn}. */
    public String type() {
        return type;
    }

    /**
     * The message key that names a CloudEvents type in the reader's language ({@code changes.type.<NAME>}), for a
     * delivery row that stores the type string; an unknown type (one no version of Vern sends) gets a key of its own.
     */
    public static String labelKey(String type) {
        return ofType(type).map(t -> "changes.type." + t.name()).orElse("changes.type.unknown");
    }

    /** The change type of a CloudEvents type string. */
    public static Optional<ChangeType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }
}
