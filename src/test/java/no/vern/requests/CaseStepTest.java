package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import no.vern.shared.SubjectId;

/** The request stepper (issue 23 item 4): verify → collect → decide → answer, derived from the case. */
class CaseStepTest {

    static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");

    static RequestCase c(RequestStatus status, @Nullable Instant verifiedAt) {
        return new RequestCase(RequestId.random(), RequestKind.ACCESS, RequestChannel.EMAIL, status, SubjectId.random(),
                true, "nb", RECEIVED, Deadlines.due(RECEIVED), null, null, verifiedAt, verifiedAt == null ? null : "code",
                null, status.closed() ? RECEIVED.plusSeconds(60) : null, 0);
    }

    @Test
    void art12_6_anUnverifiedCaseIsAtVerification() {
        assertThat(CaseStep.current(c(RequestStatus.AWAITING_VERIFICATION, null), false)).isEqualTo(CaseStep.VERIFY);
        assertThat(CaseStep.progress(c(RequestStatus.RECEIVED, null), false)).extracting(CaseStep.Progress::state)
                .containsExactly("current", "todo", "todo", "todo");
    }

    @Test
    void aCaseWaitingForSystemsOrThePersonIsCollecting() {
        assertThat(CaseStep.current(c(RequestStatus.WAITING_FOR_SYSTEMS, RECEIVED), true)).isEqualTo(CaseStep.COLLECT);
        assertThat(CaseStep.current(c(RequestStatus.WAITING_FOR_PERSON, RECEIVED), false)).isEqualTo(CaseStep.COLLECT);
        assertThat(CaseStep.current(c(RequestStatus.IN_PROGRESS, RECEIVED), true)).isEqualTo(CaseStep.COLLECT);
    }

    @Test
    void aVerifiedCaseWithNothingOpenIsForDecision() {
        assertThat(CaseStep.current(c(RequestStatus.IN_PROGRESS, RECEIVED), false)).isEqualTo(CaseStep.DECIDE);
        assertThat(CaseStep.current(c(RequestStatus.EXTENDED, RECEIVED), false)).isEqualTo(CaseStep.DECIDE);
    }

    @Test
    void art19_aCarriedOutCaseInformingRecipientsIsAtTheAnswer() {
        assertThat(CaseStep.progress(c(RequestStatus.INFORMING_RECIPIENTS, RECEIVED), false))
                .extracting(CaseStep.Progress::state).containsExactly("done", "done", "done", "current");
    }

    @Test
    void aClosedCaseHasEveryStepDone() {
        assertThat(CaseStep.current(c(RequestStatus.COMPLETED, RECEIVED), false)).isNull();
        assertThat(CaseStep.progress(c(RequestStatus.REFUSED, RECEIVED), false)).extracting(CaseStep.Progress::state)
                .containsOnly("done");
    }
}
