package no.vern.audit;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import no.vern.shared.Actor;
import no.vern.shared.Actors;

/**
 * What is written to the audit log: actor, action, opaque targets, purpose and outcome. The
 * shapes are restricted (no spaces, no {@code @}) so that names, emails or free text cannot be
 * smuggled into the log by mistake.
 *
 * @param actor who acted
 * @param action dotted verb, e.g. {@code register.subject.read}
 * @param outcome how it ended
 * @param purpose the purpose key under which personal data was accessed, if any
 * @param targets opaque references such as {@code subject:8c1f…} or {@code token:42}
 */
public record AuditEvent(Actor actor, String action, Outcome outcome, @Nullable String purpose, List<String> targets) {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z0-9-]+){1,5}");
    private static final Pattern TARGET = Pattern.compile("[a-z][a-z0-9-]*:[A-Za-z0-9._-]{1,80}");
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9-]{1,60}");

    public AuditEvent {
        targets = List.copyOf(targets);
        if (!ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("Audit action must be a dotted lower-case verb");
        }
        if (purpose != null && !PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("Audit purpose must be a purpose key");
        }
        for (String target : targets) {
            if (!TARGET.matcher(target).matches()) {
                throw new IllegalArgumentException("Audit target must be an opaque kind:id reference");
            }
        }
    }

    /** An entry for the actor of the current request. */
    public static AuditEvent of(String action, Outcome outcome) {
        return new AuditEvent(Actors.current(), action, outcome, null, List.of());
    }

    /** An entry for an explicit actor, e.g. a scheduled job. */
    public static AuditEvent by(Actor actor, String action, Outcome outcome) {
        return new AuditEvent(actor, action, outcome, null, List.of());
    }

    /** The same entry with the purpose under which data was accessed. */
    public AuditEvent withPurpose(String purposeKey) {
        return new AuditEvent(actor, action, outcome, purposeKey, targets);
    }

    /** The same entry with (more) target references, each {@code kind:id}. */
    public AuditEvent withTargets(String... references) {
        var all = new java.util.ArrayList<>(targets);
        all.addAll(List.of(references));
        return new AuditEvent(actor, action, outcome, purpose, all);
    }
}
