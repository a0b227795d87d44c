package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.breach.AffectedDataEstimate;
import no.vern.breach.AffectedDataEstimator;
import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * The register answers the breach module's data-map question (GDPR Art. 33(3)(a): approximate number of
 * people and records concerned) from what it actually holds, within the breach window.
 */
@VernTest
class RegisterBreachEstimateTest {

    @Autowired
    SubjectRegister register;
    @Autowired
    AffectedDataEstimator estimator;
    @Autowired
    TestClock clock;

    @AfterEach
    void reset() {
        clock.reset();
    }

    @Test
    void breachInAnActivityCountsOnlyItsPurposesSubjectsAndRecordsInsideTheWindow() {
        clock.advance(Duration.ofDays(4000)); // a window of its own, after anything other tests stored
        SubjectId before = register.register(partner("before"));
        clock.advance(Duration.ofHours(1));
        Instant from = clock.instant();
        SubjectId inside = register.register(partner("inside"));
        SubjectId alsoInside = register.register(partner("also"));
        register.register(RegisterTestSupport.contact(SubjectKind.CUSTOMER_CONTACT, "customer-administration",
                "kunde-" + UUID.randomUUID() + "@example.no"));
        clock.advance(Duration.ofHours(1));
        Instant to = clock.instant();
        register.register(partner("after"));

        AffectedDataEstimate estimate = estimator.estimate(List.of("partners"), from, to);

        assertThat(estimate.subjects()).isEqualTo(2L);
        assertThat(estimate.records()).isEqualTo(4L); // name + email of each
        assertThat(estimate.proposedSubjects()).containsExactlyInAnyOrder(inside, alsoInside).doesNotContain(before);
    }

    @Test
    void erasedPeopleAreNotCountedOrProposed() {
        clock.advance(Duration.ofDays(5000));
        Instant from = clock.instant();
        SubjectId kept = register.register(partner("kept"));
        SubjectId erased = register.register(partner("erased"));
        register.erase(erased);
        clock.advance(Duration.ofMinutes(1));

        AffectedDataEstimate estimate = estimator.estimate(List.of("partners"), from, clock.instant());

        assertThat(estimate.proposedSubjects()).containsExactly(kept);
        assertThat(estimate.subjects()).isEqualTo(1L);
    }

    @Test
    void unknownActivitiesTouchNobody() {
        assertThat(estimator.estimate(List.of("no-such-activity"), null, null).subjects()).isZero();
    }

    private static NewSubject partner(String tag) {
        return RegisterTestSupport.contact(SubjectKind.PARTNER_CONTACT, "partner-management",
                tag + "-" + UUID.randomUUID() + "@example.no");
    }
}
