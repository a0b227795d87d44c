package no.vern.retention;

import java.time.LocalDate;

import no.vern.shared.InvalidInput;

/**
 * A legal hold to place.
 *
 * @param scope what it covers
 * @param target the subject id, the organisation id or number, or the category key
 * @param reason why (case reference; no personal data), 3 to 500 characters
 * @param owner who is responsible
 * @param reviewOn when it must be reviewed
 */
public record NewHold(HoldScope scope, String target, String reason, String owner, LocalDate reviewOn) {

    public NewHold {
        target = target == null ? "" : target.strip();
        reason = reason == null ? "" : reason.strip();
        owner = owner == null ? "" : owner.strip();
        if (target.isEmpty()) {
            throw new InvalidInput("target", "must name what the hold covers", "retention.error.holdTarget");
        }
        if (reason.length() < 3 || reason.length() > 500) {
            throw new InvalidInput("reason", "must be 3 to 500 characters", "error.field.lengthBetween", "3", "500");
        }
        if (!owner.matches("[A-Za-z0-9._@-]{2,80}")) {
            throw new InvalidInput("owner", "must be a staff username", "error.field.username");
        }
    }
}
