package no.vern.retention.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.consent.ConsentLedger;
import no.vern.consent.ConsentState;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.UnknownPurpose;
import no.vern.register.RetentionView;
import no.vern.register.RetentionView.HeldRecord;
import no.vern.retention.ClockEvent;
import no.vern.retention.ClockEventKind;
import no.vern.retention.DueItem;
import no.vern.retention.DueReason;
import no.vern.retention.HoldScope;
import no.vern.retention.ItemStatus;
import no.vern.retention.LegalHold;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleKind;
import no.vern.shared.SubjectId;

/**
 * Computes what is due now (issue 10, item 4, first step): for every purpose with rules, page through the
 * records held for it (ids and times from the register), apply the rule of each category, and mark what a
 * legal hold stops or what needs a notice first. Sends due notices only when asked (real runs).
 */
@Component
class Planner {

    static final int PAGE = 500;

    private final Rules rules;
    private final ClockEvents clockEvents;
    private final Holds holds;
    private final Notices notices;
    private final NoticeMailer mailer;
    private final RetentionView register;
    private final DueDates dueDates;
    private final ConsentLedger consents;
    private final ProcessingRecord record;
    private final Clock clock;

    Planner(Rules rules, ClockEvents clockEvents, Holds holds, Notices notices, NoticeMailer mailer,
            RetentionView register, DueDates dueDates, ConsentLedger consents, ProcessingRecord record, Clock clock) {
        this.dueDates = dueDates;
        this.rules = rules;
        this.clockEvents = clockEvents;
        this.holds = holds;
        this.notices = notices;
        this.mailer = mailer;
        this.register = register;
        this.consents = consents;
        this.record = record;
        this.clock = clock;
    }

    /** The latest clock events per organisation and subject, and the active holds, read once per plan. */
    private record Context(Instant now, Map<UUID, Instant> agreementEnded, Map<SubjectId, Map<ClockEventKind, Instant>> bySubject,
            List<LegalHold> holds, boolean sendNotices) {

        @Nullable
        Instant subjectEvent(SubjectId subject, ClockEventKind kind) {
            return bySubject.getOrDefault(subject, Map.of()).get(kind);
        }

        boolean held(SubjectId subject, @Nullable UUID organisation, String category) {
            return holds.stream().anyMatch(h -> h.scope() == HoldScope.SUBJECT && subject.equals(h.subject())
                    || h.scope() == HoldScope.ORGANISATION && organisation != null && organisation.equals(h.organisation())
                    || h.scope() == HoldScope.CATEGORY && category.equals(h.category()));
        }
    }

    /** What is due now, by purpose, subject and category; sends the notices that are due when {@code sendNotices}. */
    List<DueItem> plan(boolean sendNotices) {
        Instant now = clock.instant();
        Map<UUID, Instant> agreementEnded = new HashMap<>();
        Map<SubjectId, Map<ClockEventKind, Instant>> bySubject = new HashMap<>();
        for (ClockEvent e : clockEvents.all()) { // oldest first: the latest wins
            if (e.kind() == ClockEventKind.AGREEMENT_ENDED && e.organisation() != null) {
                agreementEnded.put(e.organisation(), e.occurredAt());
            } else if (e.subject() != null) {
                bySubject.computeIfAbsent(e.subject(), s -> new HashMap<>()).put(e.kind(), e.occurredAt());
            }
        }
        Context ctx = new Context(now, agreementEnded, bySubject, holds.active(), sendNotices);
        Map<String, List<RetentionRule>> byPurpose = rules.current().stream()
                .collect(Collectors.groupingBy(RetentionRule::purposeKey, LinkedHashMap::new, Collectors.toList()));
        // Issue 28 item 8: only the subjects and purposes whose due date has come (or that a write, a consent, a
        // clock event or a rule marked since), each planned as before; the rest of the register is not read.
        Map<String, List<DueDates.Due>> dueByPurpose = dueDates.dueAt(now).stream()
                .collect(Collectors.groupingBy(DueDates.Due::purposeKey, LinkedHashMap::new, Collectors.toList()));
        List<DueItem> due = new ArrayList<>();
        for (Map.Entry<String, List<DueDates.Due>> purpose : dueByPurpose.entrySet()) {
            List<RetentionRule> purposeRules = byPurpose.get(purpose.getKey());
            Optional<LegalBasis> basis = purposeRules == null ? Optional.empty() : basisOf(purpose.getKey());
            if (purposeRules == null || basis.isEmpty()) {
                // No rule (flagged in the console), or the purpose left the record (its rules wait for it): no clock
                // runs until a rule version or a new record of processing marks the rows again.
                List<DueDates.Due> rows = purpose.getValue();
                for (int from = 0; from < rows.size(); from += PAGE) {
                    List<DueDates.Due> page = rows.subList(from, Math.min(rows.size(), from + PAGE));
                    dueDates.next(page, java.util.Collections.nCopies(page.size(), (Instant) null));
                }
                continue;
            }
            Map<String, RetentionRule> byCategory = purposeRules.stream()
                    .collect(Collectors.toMap(RetentionRule::category, Function.identity()));
            List<DueDates.Due> rows = purpose.getValue();
            for (int from = 0; from < rows.size(); from += PAGE) {
                List<DueDates.Due> page = rows.subList(from, Math.min(rows.size(), from + PAGE));
                Map<SubjectId, List<HeldRecord>> bySubjectRecords = register.heldFor(purpose.getKey(),
                        page.stream().map(DueDates.Due::subject).toList()).stream()
                        .collect(Collectors.groupingBy(HeldRecord::subject, LinkedHashMap::new, Collectors.toList()));
                List<DueDates.Due> gone = new ArrayList<>();
                List<DueDates.Due> planned = new ArrayList<>();
                List<@Nullable Instant> next = new ArrayList<>();
                for (DueDates.Due row : page) {
                    List<HeldRecord> held = bySubjectRecords.get(row.subject());
                    if (held == null) {
                        gone.add(row); // erased, or nothing held for the purpose any more
                        continue;
                    }
                    Planned p = planSubject(ctx, purpose.getKey(), basis.get(), byCategory, row.subject(), held);
                    due.addAll(p.items());
                    planned.add(row);
                    next.add(p.next());
                }
                dueDates.forget(gone);
                dueDates.next(planned, next);
            }
        }
        return due;
    }

    /** A subject's items for one purpose now, and when the planner next has work for it (null: no clock runs). */
    private record Planned(List<DueItem> items, @Nullable Instant next) {
    }

    private Planned planSubject(Context ctx, String purposeKey, LegalBasis basis,
            Map<String, RetentionRule> byCategory, SubjectId subject, List<HeldRecord> held) {
        List<DueItem> items = new ArrayList<>();
        Instant[] next = { null };
        java.util.function.Consumer<Instant> nextAt = at -> next[0] = next[0] == null || at.isBefore(next[0]) ? at : next[0];
        Instant lastActivity = held.stream().map(HeldRecord::confirmedAt).max(Comparator.naturalOrder()).orElse(ctx.now());
        Instant recorded = ctx.subjectEvent(subject, ClockEventKind.LAST_ACTIVITY);
        if (recorded != null && recorded.isAfter(lastActivity)) {
            lastActivity = recorded;
        }
        Optional<ConsentState> consent = basis == LegalBasis.CONSENT ? consents.current(subject, purposeKey)
                : Optional.empty();
        boolean consentEnded = basis == LegalBasis.CONSENT && consent.map(c -> !c.activeAt(ctx.now())).orElse(true);
        if (!consentEnded && consent.isPresent() && consent.get().expiresAt() != null) {
            nextAt.accept(consent.get().expiresAt()); // a consent that lapses ends by itself, without a write
        }
        Map<String, List<HeldRecord>> byCategoryRecords = held.stream()
                .collect(Collectors.groupingBy(HeldRecord::category, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<String, List<HeldRecord>> c : byCategoryRecords.entrySet()) {
            RetentionRule rule = byCategory.get(c.getKey());
            if (rule == null) {
                continue; // no rule: flagged in the console, nothing is deleted by guesswork
            }
            UUID organisation = c.getValue().get(0).organisation();
            Due d;
            if (consentEnded) {
                // GDPR Art. 7(3), 17(1)(b): consent-based data without a consent in force goes (the consent
                // module erases it on withdrawal; this is the backstop for anything left).
                Instant since = consent.map(s -> s.expiresAt() != null && !s.expiresAt().isAfter(ctx.now())
                        ? s.expiresAt() : s.since()).orElse(ctx.now());
                d = new Due(since, DueReason.consentEnded(Periods.date(since)).stored());
                nextAt.accept(ctx.now());
            } else {
                d = due(ctx, rule, subject, organisation, lastActivity, consent);
                if (rule.kind() == RuleKind.BOOKKEEPING) {
                    c.getValue().forEach(r -> nextAt.accept(Periods.bookkeepingDue(r.collectedAt(), rule.amount(), rule.unit())));
                } else if (d != null) {
                    nextAt.accept(d.at().minus(Duration.ofDays(rule.noticeDays())));
                } else if (rule.unlessConsent() != null) {
                    // kept while another consent is in force: that consent may lapse by itself
                    consents.current(subject, rule.unlessConsent()).filter(s -> s.activeAt(ctx.now()))
                            .map(ConsentState::expiresAt).ifPresent(nextAt);
                }
            }
            List<HeldRecord> records;
            Instant dueAt;
            String reason;
            if (rule.kind() == RuleKind.BOOKKEEPING && !consentEnded) {
                records = c.getValue().stream().filter(r -> !Periods.bookkeepingDue(r.collectedAt(), rule.amount(),
                        rule.unit()).isAfter(ctx.now())).toList();
                if (records.isEmpty()) {
                    continue;
                }
                Instant latest = records.stream().map(HeldRecord::collectedAt).max(Comparator.naturalOrder()).orElseThrow();
                dueAt = Periods.bookkeepingDue(latest, rule.amount(), rule.unit());
                reason = DueReason.bookkeeping(Periods.date(latest).getYear(),
                        Periods.keptUntil(latest, rule.amount(), rule.unit())).stored();
            } else {
                if (d == null || d.at().isAfter(ctx.now().plus(Duration.ofDays(rule.noticeDays())))) {
                    continue;
                }
                records = c.getValue();
                dueAt = d.at();
                reason = d.reason();
            }
            ItemStatus status = ItemStatus.DUE;
            if (ctx.held(subject, organisation, c.getKey())) {
                status = ItemStatus.HELD;
            } else if (rule.noticeDays() > 0 && !consentEnded) {
                status = noticeStatus(ctx, subject, purposeKey, dueAt, rule.noticeDays());
            } else if (dueAt.isAfter(ctx.now())) {
                continue;
            }
            items.add(new DueItem(subject, purposeKey, c.getKey(), rule.version(), rule.kind(),
                    records.stream().map(HeldRecord::record).toList(), dueAt, reason, status));
        }
        return new Planned(items, next[0]);
    }

    /** Deletion waits until the notice has been out for its full period (issue 10, item 5). */
    private ItemStatus noticeStatus(Context ctx, SubjectId subject, String purposeKey, Instant dueAt, int noticeDays) {
        Optional<Notices.Notice> sent = notices.find(subject, purposeKey, dueAt);
        if (sent.isEmpty() && ctx.sendNotices()) {
            Optional<Notices.Notice> fresh = notices.insert(subject, purposeKey, dueAt, ctx.now());
            fresh.ifPresent(n -> mailer.send(n, Periods.date(later(dueAt, n.sentAt().plus(Duration.ofDays(noticeDays))))));
            return ItemStatus.NOTICE;
        }
        if (sent.isEmpty()) {
            return ItemStatus.NOTICE;
        }
        Instant effective = later(dueAt, sent.get().sentAt().plus(Duration.ofDays(noticeDays)));
        return effective.isAfter(ctx.now()) ? ItemStatus.NOTICE : ItemStatus.DUE;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** When the data became (or becomes) due under the rule, and why; null while its clock has not started. */
    private @Nullable Due due(Context ctx, RetentionRule rule, SubjectId subject, @Nullable UUID organisation,
            Instant lastActivity, Optional<ConsentState> consent) {
        if (rule.unlessConsent() != null && consents.current(subject, rule.unlessConsent())
                .map(s -> s.activeAt(ctx.now())).orElse(false)) {
            return null; // e.g. the candidate stays in the talent pool
        }
        return switch (rule.kind()) {
            case AGREEMENT_PLUS -> {
                Instant ended = organisation == null ? null : ctx.agreementEnded().get(organisation);
                yield ended == null ? null : new Due(Periods.plus(ended, rule.amount(), rule.unit()),
                        DueReason.after("agreement-ended", Periods.date(ended), rule.amount(), rule.unit()).stored());
            }
            case AFTER_RECRUITMENT_CLOSED -> since(ctx.subjectEvent(subject, ClockEventKind.RECRUITMENT_CLOSED), rule,
                    "recruitment-closed");
            case AFTER_EVENT -> since(ctx.subjectEvent(subject, ClockEventKind.EVENT_HELD), rule, "event-held");
            case AFTER_LAST_ACTIVITY -> since(lastActivity, rule, "last-activity");
            case UNTIL_CONSENT_ENDS -> rule.amount() == 0 || consent.isEmpty() ? null
                    : since(consent.get().since(), rule, "consent-given");
            case BOOKKEEPING -> null; // per record, above
        };
    }

    private static @Nullable Due since(@Nullable Instant start, RetentionRule rule, String what) {
        return start == null ? null : new Due(Periods.plus(start, rule.amount(), rule.unit()),
                DueReason.after(what, Periods.date(start), rule.amount(), rule.unit()).stored());
    }

    private Optional<LegalBasis> basisOf(String purposeKey) {
        try {
            return Optional.of(record.legalBasisOf(purposeKey));
        } catch (UnknownPurpose e) {
            return Optional.empty();
        }
    }

    /** When and why ({@link DueReason#stored()}). */
    private record Due(Instant at, String reason) {
    }

}
