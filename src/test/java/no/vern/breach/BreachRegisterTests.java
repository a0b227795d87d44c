package no.vern.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.shared.Actor;
import no.vern.shared.InvalidInput;
import no.vern.shared.SubjectId;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/** The register itself (GDPR Art. 33(5)): what it keeps, what it refuses, and who is linked. */
@VernTest
class BreachRegisterTests extends BreachMailSupport {

    @Autowired
    BreachRegister register;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    AuditLog audit;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    Breach reportAwareHoursAgo(long hours) {
        Instant aware = clock.instant().minus(Duration.ofHours(hours));
        return register.report(new NewBreach("Lost laptop", "A laptop with CVs was stolen.", aware, aware,
                Channel.CONSOLE, null));
    }

    @Test
    void reportGetsAReceiptNumberAndTheDeadline() {
        Breach b = reportAwareHoursAgo(1);
        assertThat(b.receipt()).matches("AVVIK-\\d{4}-\\d{4}");
        assertThat(b.notifyAuthorityBy()).isEqualTo(b.awareAt().plus(Duration.ofHours(72)));
        assertThat(b.status()).isEqualTo(BreachStatus.REPORTED);
        assertThat(register.timeline(b.id())).extracting(TimelineEntry::kind).containsExactly("reported");
    }

    @Test
    void lateNotificationWithoutReasonIsRefused() {
        Breach b = reportAwareHoursAgo(96);
        register.assess(b.id(), RiskLevel.RISK, "Names and emails of 40 candidates were exposed.");
        // GDPR Art. 33(1): after 72 hours the notification "shall be accompanied by reasons for the delay".
        assertThatThrownBy(() -> register.recordAuthorityNotification(b.id(), NotificationPhase.INITIAL,
                clock.instant().minus(Duration.ofHours(1)), "DT-1", " "))
                .isInstanceOfSatisfying(InvalidInput.class,
                        e -> assertThat(e.errors()).extracting(InvalidInput.FieldError::field).containsExactly("delayReason"));
        assertThat(register.get(b.id()).authorityNotified()).isFalse();
    }

    @Test
    void lateNotificationWithReasonIsAcceptedAndMarkedLate() {
        Breach b = reportAwareHoursAgo(96);
        register.assess(b.id(), RiskLevel.RISK, "Names and emails of 40 candidates were exposed.");
        Breach notified = register.recordAuthorityNotification(b.id(), NotificationPhase.INITIAL,
                clock.instant().minus(Duration.ofHours(1)), "DT-2", "The scope was unknown until the log review.");
        assertThat(notified.status()).isEqualTo(BreachStatus.NOTIFIED_AUTHORITY);
        assertThat(notified.notifications()).singleElement().satisfies(n -> {
            assertThat(n.late()).isTrue();
            assertThat(n.delayReason()).contains("log review");
        });
        assertThat(notified.clockRunning()).isFalse();
    }

    @Test
    void timelyNotificationNeedsNoReasonAndFollowUpComesAfterInitial() {
        Breach b = reportAwareHoursAgo(5);
        // GDPR Art. 33(4): information may be provided in phases, but a follow-up needs a first notification.
        assertThatThrownBy(() -> register.recordAuthorityNotification(b.id(), NotificationPhase.FOLLOW_UP,
                clock.instant(), "", "")).isInstanceOf(no.vern.shared.Conflict.class);
        register.recordAuthorityNotification(b.id(), NotificationPhase.INITIAL, clock.instant(), "DT-3", "");
        Breach after = register.recordAuthorityNotification(b.id(), NotificationPhase.FOLLOW_UP, clock.instant(), "DT-3", "");
        assertThat(after.notifications()).extracting(AuthorityNotification::phase)
                .containsExactly(NotificationPhase.INITIAL, NotificationPhase.FOLLOW_UP);
    }

    @Test
    void notNotifiedBreachStaysInTheRegisterWithItsRiskReasoning() {
        Breach b = reportAwareHoursAgo(2);
        // GDPR Art. 33(5): every breach is documented, also one that is not notified, with the reasoning.
        assertThatThrownBy(() -> register.assess(b.id(), RiskLevel.NONE, "")).isInstanceOf(InvalidInput.class);
        register.assess(b.id(), RiskLevel.NONE, "One known recipient deleted the email the same day.");
        register.decide(b.id(), "Not notifiable; documented only.");
        register.close(b.id());

        Breach kept = register.list().stream().filter(x -> x.id().equals(b.id())).findFirst().orElseThrow();
        assertThat(kept.status()).isEqualTo(BreachStatus.CLOSED);
        assertThat(kept.risk()).isEqualTo(RiskLevel.NONE);
        assertThat(kept.riskReasoning()).isEqualTo("One known recipient deleted the email the same day.");
        assertThat(kept.decisions()).extracting(Decision::text).containsExactly("Not notifiable; documented only.");
        assertThat(kept.notifications()).isEmpty();
        assertThat(register.timeline(b.id())).extracting(TimelineEntry::kind)
                .containsExactly("reported", "assessed", "decision", "closed");
    }

    @Test
    void closingErasesTheReporterContact() {
        Instant now = clock.instant();
        Breach b = register.report(new NewBreach("Public report", "Saw a list of names", null, now,
                Channel.PUBLIC_FORM, "reporter@example.org"));
        assertThat(b.reporterContact()).isEqualTo("reporter@example.org");
        register.assess(b.id(), RiskLevel.NONE, "Public data only.");
        assertThat(register.close(b.id()).reporterContact()).isNull();
    }

    @Test
    void timelineIsAppendOnlyForTheApplication() {
        Breach b = reportAwareHoursAgo(1);
        // The application role may add to the timeline but never change or remove what happened.
        assertThatThrownBy(() -> jdbc.sql("UPDATE breach_event SET kind = 'x' WHERE breach_id = :id")
                .param("id", b.id().value()).update()).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM breach_event WHERE breach_id = :id")
                .param("id", b.id().value()).update()).isInstanceOf(DataAccessException.class);
        assertThat(register.timeline(b.id())).hasSize(1);
    }

    @Test
    void choosingProcessingActivitiesComputesDataCategoriesAndRelation() {
        Breach b = reportAwareHoursAgo(1);
        Breach chosen = register.chooseActivities(b.id(), List.of("recruitment"), null, null);
        assertThat(chosen.activities()).containsExactly("recruitment");
        assertThat(chosen.facts().dataCategories()).contains("cv", "recruiter-notes", "email");
        assertThat(chosen.facts().subjectRelation()).containsExactly("CANDIDATE");
        // The register counts what it holds for the activities' purposes (RegisterBreachEstimateTest has the figures),
        // as a suggestion beside the officer's numbers, which nobody has entered yet.
        assertThat(chosen.estimatedSubjects()).isNotNull();
        assertThat(chosen.facts().approxSubjects()).isNull();
        assertThatThrownBy(() -> register.chooseActivities(b.id(), List.of("no-such-activity"), null, null))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void officersEnteredCountsSurviveTickingActivitiesAndTheEstimateStaysASuggestion() {
        Breach b = reportAwareHoursAgo(1);
        BreachFacts entered = new BreachFacts("A laptop with CVs was stolen.", "", "", null, null, List.of(),
                List.of(), 12L, 30L, "", "", "", "", "");
        register.updateFacts(b.id(), entered);
        Breach chosen = register.chooseActivities(b.id(), List.of("recruitment"), null, null);
        chosen = register.chooseActivities(b.id(), List.of("recruitment", "customers"), null, null);
        assertThat(chosen.facts().approxSubjects()).isEqualTo(12L);
        assertThat(chosen.facts().approxRecords()).isEqualTo(30L);
        assertThat(chosen.estimatedSubjects()).isNotNull();
        assertThat(jdbc.sql("SELECT approx_subjects FROM breach WHERE id = :id").param("id", b.id().value())
                .query(Long.class).single()).isEqualTo(12L);
    }

    @Test
    void aLateNotificationTakesTheReasonsWrittenIntoTheFactsForTheDraft() {
        Breach b = reportAwareHoursAgo(96);
        register.assess(b.id(), RiskLevel.RISK, "Names and emails of 40 candidates were exposed.");
        register.updateFacts(b.id(), new BreachFacts("A laptop with CVs was stolen.", "", "", null, null, List.of(),
                List.of(), null, null, "", "", "", "", "The theft was reported to us by the police four days later."));
        // GDPR Art. 33(1): the notification is accompanied by the reasons the draft carried.
        Breach notified = register.recordAuthorityNotification(b.id(), NotificationPhase.INITIAL,
                clock.instant().minus(Duration.ofHours(1)), "DT-4", "");
        assertThat(notified.notifications()).singleElement().satisfies(n -> {
            assertThat(n.late()).isTrue();
            assertThat(n.delayReason()).isEqualTo("The theft was reported to us by the police four days later.");
        });
    }

    @Test
    void subjectsReadByAnAccountInAPeriodAreLinkedFromTheAuditLog() {
        Breach b = reportAwareHoursAgo(1);
        SubjectId first = SubjectId.random();
        SubjectId second = SubjectId.random();
        Actor leaky = new Actor(Actor.Kind.STAFF, "leaky-account");
        Instant from = clock.instant().minusSeconds(5);
        audit.record(AuditEvent.by(leaky, "register.subject.read", Outcome.SUCCESS).withTargets(first.reference()));
        audit.record(AuditEvent.by(leaky, "register.subject.read", Outcome.SUCCESS).withTargets(second.reference(), "token:7"));
        audit.record(AuditEvent.by(new Actor(Actor.Kind.STAFF, "someone-else"), "register.subject.read", Outcome.SUCCESS)
                .withTargets(SubjectId.random().reference()));
        int linked = register.linkFromAudit(b.id(), "staff:leaky-account", from, clock.instant().plusSeconds(5));
        assertThat(linked).isEqualTo(2);
        assertThat(register.affectedSubjects(b.id())).extracting(AffectedSubject::subject)
                .containsExactlyInAnyOrder(first, second);
        assertThat(register.affectedSubjects(b.id())).extracting(AffectedSubject::source).containsOnly("audit");
    }

    @Test
    void noticeTextsAreWrittenInNorwegianAndEnglish() {
        Breach b = reportAwareHoursAgo(1);
        register.updateFacts(b.id(), new BreachFacts("A laptop with CVs was stolen.", "Left in a car", "Theft", null,
                null, List.of("cv"), List.of("CANDIDATE"), 40L, 40L, "Unknown", "Identity theft is possible.",
                "The laptop was wiped remotely.", "Full-disk encryption on all laptops.", ""));
        BreachNotice notice = register.notice(b.id());
        // GDPR Art. 34(2): nature of the breach, contact point, likely consequences and measures, in plain language.
        assertThat(notice.text("nb")).contains("Hva som skjedde", "A laptop with CVs was stolen.",
                "Mulige følger for deg", "Identity theft is possible.", "Hva vi har gjort", "personvernombud@fjellvik.example",
                b.receipt());
        assertThat(notice.text("en")).contains("What happened", "Likely consequences for you",
                "The laptop was wiped remotely.", "personvernombud@fjellvik.example", b.receipt());
        assertThat(notice.subject("en")).contains(b.receipt());
    }

    @Test
    void aNoticeToAPersonVernCannotReachIsNeverCountedAsSent() {
        Breach b = reportAwareHoursAgo(1);
        register.assess(b.id(), RiskLevel.HIGH_RISK, "Bank details exposed.");
        register.linkSubjects(b.id(), List.of(SubjectId.random(), SubjectId.random()), "id");
        // GDPR Art. 34(1): a notice counts as given only when delivered. The communications module's sender answers
        // FAILED for ids the register does not know (the SPI's contract); without any sender it would wait as pending.
        assertThatThrownBy(() -> register.notifySubjects(b.id())).isInstanceOf(no.vern.shared.Conflict.class);
        register.decideSubjectNotice(b.id(), null, "", "");
        List<AffectedSubject> after = register.notifySubjects(b.id());
        assertThat(after).hasSize(2).allSatisfy(s -> {
            assertThat(s.noticeStatus()).isEqualTo("FAILED");
            assertThat(s.notifiedAt()).isNull();
        });
    }

    @Test
    void noticeExceptionNeedsReasoningAndDisproportionateEffortAPublicNotice() {
        Breach b = reportAwareHoursAgo(1);
        // GDPR Art. 34(3): each exception must be justified; (c) needs a public communication instead.
        assertThatThrownBy(() -> register.decideSubjectNotice(b.id(), NoticeException.DATA_UNINTELLIGIBLE, "", ""))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> register.decideSubjectNotice(b.id(), NoticeException.DISPROPORTIONATE_EFFORT,
                "50 000 old newsletter addresses without names", "")).isInstanceOf(InvalidInput.class);
        Breach decided = register.decideSubjectNotice(b.id(), NoticeException.DISPROPORTIONATE_EFFORT,
                "50 000 old newsletter addresses without names", "Notice on fjellvik.example about the breach.");
        assertThat(decided.publicNoticeChosen()).isTrue();
        assertThat(decided.publicNotice()).contains("fjellvik.example");
    }
}
