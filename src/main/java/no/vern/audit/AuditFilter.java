package no.vern.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import no.vern.shared.InvalidInput;

/**
 * What to look for in the audit log; every criterion is optional and shaped like the entries
 * themselves, so a search can never carry personal data either.
 *
 * @param actor exact actor reference, e.g. {@code staff:kari}
 * @param action an action or a dotted prefix of one, e.g. {@code register.subject}
 * @param target an exact target reference, e.g. {@code subject:8c1f…}
 * @param outcome how the action ended
 * @param from inclusive lower bound of the time of the entry
 * @param to exclusive upper bound of the time of the entry
 */
public record AuditFilter(@Nullable String actor, @Nullable String action, @Nullable String target,
        @Nullable Outcome outcome, @Nullable Instant from, @Nullable Instant to) {

    private static final Pattern ACTOR = Pattern.compile("[a-z_]+:[A-Za-z0-9._:-]{1,80}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9.-]{0,120}");
    private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9-]*:[A-Za-z0-9._-]{1,80}");

    /** No criteria: everything, newest first. */
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    public AuditFilter {
        actor = blankToNull(actor);
        action = blankToNull(action);
        target = blankToNull(target);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (actor != null && !ACTOR.matcher(actor).matches()) {
            errors.add(InvalidInput.FieldError.coded("actor", "must be an actor reference such as staff:id", "audit.error.actor"));
        }
        if (action != null && !ACTION.matcher(action).matches()) {
            errors.add(InvalidInput.FieldError.coded("action", "must be a dotted lower-case action or prefix", "audit.error.action"));
        }
        if (target != null && !TARGET.matcher(target).matches()) {
            errors.add(InvalidInput.FieldError.coded("target", "must be an opaque kind:id reference", "audit.error.target"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(InvalidInput.FieldError.coded("to", "must be after from", "audit.error.toAfterFrom"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
