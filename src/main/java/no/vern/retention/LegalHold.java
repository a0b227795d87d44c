package no.vern.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * A legal hold: while it is active, nothing it covers is deleted (e.g. a dispute or an authority's
 * order; GDPR Art. 17(3)(e)). The reason is written by staff for staff; it must not contain personal data.
 *
 * @param id the hold id
 * @param scope what it covers
 * @param subject the subject (scope SUBJECT), or null
 * @param organisation the organisation (scope ORGANISATION), or null
 * @param category the data category (scope CATEGORY), or null
 * @param reason why (case reference, no personal data)
 * @param owner who is responsible (staff username)
 * @param reviewOn when it must be reviewed
 * @param createdBy actor reference
 * @param createdAt when it was placed
 * @param releasedBy actor reference of the release, or null while active
 * @param releasedAt when it was released, or null while active
 */
public record LegalHold(UUID id, HoldScope scope, @Nullable SubjectId subject, @Nullable UUID organisation,
        @Nullable String category, String reason, String owner, LocalDate reviewOn, String createdBy, Instant createdAt,
        @Nullable String releasedBy, @Nullable Instant releasedAt) {

    /** Whether the hold still stops deletion. */
    public boolean active() {
        return releasedAt == null;
    }

    /** The opaque reference of what it covers, e.g. {@code subject:<id>}. */
    public String target() {
        return switch (scope) {
            case SUBJECT -> "subject:" + (subject == null ? "" : subject.value());
            case ORGANISATION -> "organisation:" + organisation;
            case CATEGORY -> "category:" + category;
        };
    }
}
