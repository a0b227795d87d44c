package no.vern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import no.vern.events.Event;
import no.vern.events.NewEvent;
import no.vern.events.SignUp;
import no.vern.events.SignUpResult;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.retention.ClockEventKind;
import no.vern.retention.DueItem;
import no.vern.retention.ItemStatus;
import no.vern.retention.PurgeRun;
import no.vern.retention.RetentionRule;
import no.vern.retention.RetentionTestSupport;
import no.vern.retention.RuleChange;
import no.vern.retention.RuleKind;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * The event purge is a retention rule like every other (issue 21, item 7; GDPR Art. 5(1)(e); S5): once an event has
 * been held, the participants' clocks start, the rule of the purpose {@code events} puts their event records in the
 * dry run, and only an approved run deletes; what a separate consent covers (CRM dialogue, newsletter) stays. The
 * policy and the consent notice state the period the rule enforces. In the retention tests' context (a database of
 * its own), since the clock walks a year ahead and a real purge runs.
 */
@VernTest
class EventRetentionTest extends RetentionTestSupport {

    private static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired
    EventService service;
    @Autowired
    EventHeldClock held;
    @Autowired
    ProcessingRecord record;
    @Autowired
    MessageSource messages;

    private SignUpResult signUp(Event event, boolean crm, boolean newsletter) {
        return service.signUp(event.id(), new SignUp("Deltaker " + UUID.randomUUID().toString().substring(0, 4),
                Canaries.uniqueEmail(), null, null, crm, newsletter, NB, null, null, null));
    }

    private static List<DueItem> eventItems(List<DueItem> items, Set<SubjectId> subjects) {
        return items.stream().filter(i -> i.purposeKey().equals("events") && subjects.contains(i.subject())).toList();
    }

    private void advanceTo(Instant target) {
        clock.advance(Duration.between(clock.instant(), target));
    }

    @Test
    void theEventRuleShowsInTheDryRunAndAnApprovedRunDeletesOnlyTheEventRecords() {
        Instant start = clock.instant().plus(Duration.ofHours(2));
        Event event = service.create(new NewEvent("Regel-seminar", start, "Oslo", 10, start.minus(Duration.ofHours(1)),
                false, false));
        SignUpResult eventOnly = signUp(event, false, false);
        SignUpResult withCrm = signUp(event, true, false);
        SignUpResult withNewsletter = signUp(event, false, true);
        Set<SubjectId> participants = Set.of(eventOnly.subject(), withCrm.subject(), withNewsletter.subject());

        // The newsletter box is a consent of its own (markedsføringsloven § 15 first paragraph), stored under it at once.
        assertThat(consents.current(withNewsletter.subject(), "newsletter").orElseThrow().activeAt(clock.instant()))
                .isTrue();
        assertThat(categories(withNewsletter.subject(), "newsletter")).contains("name", "email");
        assertThat(register.summary(withNewsletter.subject()).kinds()).contains(SubjectKind.NEWSLETTER_RECIPIENT);

        RetentionRule rule = policies.current("events", "email").orElseThrow();
        assertThat(rule.kind()).isEqualTo(RuleKind.AFTER_EVENT);
        Instant due = ZonedDateTime.ofInstant(start, VernClock.ZONE).plusMonths(rule.amount()).toInstant();

        advanceTo(start.plus(Duration.ofHours(1)));
        held.recordHeld();
        // The CRM dialogue runs on its own clock (12 months after the last contact): a contact half-way keeps it.
        advanceTo(start.plus(Duration.ofDays(180)));
        clockEvents.subjectEvent(ClockEventKind.LAST_ACTIVITY, withCrm.subject(), clock.instant(), "prospect-dialogue");

        // A day before the rule's period has run out, nothing of the event is due.
        advanceTo(due.minus(Duration.ofDays(1)));
        assertThat(eventItems(purges.dueNow(), participants)).isEmpty();

        // A day after: every participant's event records are in the dry run, under the events rule; nothing is gone yet.
        advanceTo(due.plus(Duration.ofDays(1)));
        PurgeRun dryRun = purges.dryRun();
        List<DueItem> planned = eventItems(purges.items(dryRun.id()), participants);
        assertThat(planned).extracting(DueItem::subject).containsAll(participants);
        assertThat(planned).allSatisfy(i -> {
            assertThat(i.kind()).isEqualTo(RuleKind.AFTER_EVENT);
            assertThat(i.status()).isEqualTo(ItemStatus.DUE);
            assertThat(i.ruleVersion()).isEqualTo(policies.current("events", i.category()).orElseThrow().version());
        });
        assertThat(categories(eventOnly.subject(), "events")).isNotEmpty();

        purges.approve(dryRun.id());
        purges.purge();

        assertThat(register.isErased(eventOnly.subject())).isTrue();
        assertThat(categories(withCrm.subject(), "events")).isEmpty();
        assertThat(categories(withCrm.subject(), "prospect-dialogue")).isNotEmpty();
        assertThat(categories(withNewsletter.subject(), "events")).isEmpty();
        assertThat(categories(withNewsletter.subject(), "newsletter")).contains("email");
        // The events module hears of the erasures in their transactions and marks the event once nothing of it is
        // left: done when the purge returns, no waiting (issue 28 item 8).
        assertThat(service.get(event.id()).purged()).isTrue();
    }

    @Test
    void thePolicyAndTheConsentNoticeStateThePeriodTheEventRuleEnforcesInNorwegianAndEnglish() {
        RetentionRule rule = policies.current("events", "email").orElseThrow();
        assertThat(rule.amount()).isEqualTo(12);
        assertThat(record.policy(NB).text()).contains("12 måneder etter arrangementet");
        assertThat(record.policy(Locale.ENGLISH).text()).contains("12 months after the event");

        // One source: a changed rule is what the next policy and notice say (here for the phone number only).
        RetentionRule phone = policies.current("events", "phone").orElseThrow();
        policies.change("events", "phone", phone.version(), new RuleChange(RuleKind.AFTER_EVENT, 3, phone.unit(), null,
                0, "Telefonnummeret trengs bare til arrangementet"));
        try {
            for (Locale locale : List.of(NB, Locale.ENGLISH)) {
                String unit = messages.getMessage("retention.unit." + phone.unit().name(), null, locale);
                String threeMonths = messages.getMessage("retention.policy.AFTER_EVENT", new Object[] { 3, unit }, locale);
                String twelveMonths = messages.getMessage("retention.policy.AFTER_EVENT",
                        new Object[] { rule.amount(), unit }, locale);
                assertThat(record.policy(locale).text()).contains(threeMonths, twelveMonths);
                assertThat(record.notice("events", locale).text()).contains(threeMonths, twelveMonths);
            }
        } finally {
            policies.change("events", "phone", phone.version() + 1, phone.content());
        }
    }
}
