package no.vern.requests.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.register.HeldUnderAddress;
import no.vern.register.RecordView;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectSummary;
import no.vern.requests.RequestCase;
import no.vern.shared.Actors;
import no.vern.shared.SubjectId;

/**
 * One person, all records (issue 20, item 5): a request acts on every register subject held under the
 * address the person verified, not on the first one found. The subjects are those recorded at receipt plus
 * any found under the address when the work is done (a sign-up in between is not missed); erased subjects
 * are left out. The case's own subject (the key holder of its contact data) comes first.
 */
@Component
class PersonRecords {

    private final SubjectRegister register;
    private final Cases cases;
    private final java.time.Clock clock;

    PersonRecords(SubjectRegister register, Cases cases, java.time.Clock clock) {
        this.register = register;
        this.cases = cases;
        this.clock = clock;
    }

    /** The live register subjects matching the address now (as the requests workflow, every kind). */
    List<SubjectId> matching(String email) {
        List<SubjectSummary> found = Actors.runAs(RequestService.actor(), () -> register.findByEmail(email));
        return found.stream().map(SubjectSummary::id).toList();
    }

    /**
     * Every live subject the case acts on; newly found ones are recorded in the case and its history.
     *
     * @param email the verified address, or null when it is no longer held (then only the recorded subjects)
     */
    List<SubjectId> of(RequestCase c, @Nullable String email) {
        return of(c, email, cases.subjects(c.id()));
    }

    /** {@link #of(RequestCase, String)} with the subjects recorded in the case as already read. */
    List<SubjectId> of(RequestCase c, @Nullable String email, List<SubjectId> recorded) {
        Set<SubjectId> all = known(c, recorded);
        Set<SubjectId> foundLive = Set.of();
        if (email != null) {
            List<SubjectId> now = matching(email);
            foundLive = Set.copyOf(now); // the lookup finds live subjects only: no second question about them
            recordFound(c, now.stream().filter(s -> !all.contains(s)).toList());
            all.addAll(now);
        }
        List<SubjectId> live = new ArrayList<>();
        for (SubjectId s : all) {
            if (foundLive.contains(s) || !register.isErased(s)) {
                live.add(s);
            }
        }
        return live;
    }

    /** What an access export reads of the person: the live subjects it names (as {@link #of}) and their records. */
    record Held(List<SubjectId> subjects, List<RecordView> records) {
    }

    /**
     * {@link #of(RequestCase, String, List)} and the records of every live subject held for any of the purposes, in
     * one register statement (issue 28 item 5): the subjects in the order of {@link #of}, each one's records in the
     * order collected. The read is audited as {@code entry} (see {@link SubjectRegister#readAllUnder}).
     */
    Held held(RequestCase c, @Nullable String email, List<SubjectId> recorded, List<String> purposes, AuditEvent entry) {
        Set<SubjectId> all = known(c, recorded);
        HeldUnderAddress held = Actors.runAs(RequestService.actor(),
                () -> register.readAllUnder(email, List.copyOf(all), purposes, entry));
        recordFound(c, held.found().stream().filter(s -> !all.contains(s)).toList());
        all.addAll(held.found());
        List<SubjectId> live = all.stream().filter(held.live()::contains).toList();
        List<RecordView> records = live.stream().flatMap(s -> held.of(s).stream()).toList();
        return new Held(live, records);
    }

    /** The subjects the case already knows of: its own (when in the register), then those recorded in it. */
    private static Set<SubjectId> known(RequestCase c, List<SubjectId> recorded) {
        Set<SubjectId> all = new LinkedHashSet<>();
        if (c.inRegister()) {
            all.add(c.subject());
        }
        all.addAll(recorded);
        return all;
    }

    /** Subjects found under the address after receipt are recorded in the case and its history. */
    private void recordFound(RequestCase c, List<SubjectId> fresh) {
        if (!fresh.isEmpty()) {
            cases.addSubjects(c.id(), fresh, clock.instant());
            cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "subjects-found",
                    fresh.size() + " more subject(s) under the address", List.of(String.valueOf(fresh.size())));
        }
    }

    /** The case as it acts on one of the person's subjects (for the per-subject effects). */
    static RequestCase as(RequestCase c, SubjectId subject) {
        return new RequestCase(c.id(), c.kind(), c.channel(), c.status(), subject, true, c.language(), c.receivedAt(),
                c.dueAt(), c.extendedAt(), c.assignee(), c.verifiedAt(), c.verifiedBy(), c.linkedTo(), c.closedAt(),
                c.version());
    }
}
