package no.vern.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import no.vern.shared.Actor;
import no.vern.shared.InvalidInput;

/** The shapes of audit entries and searches keep personal data and free text out of the log. */
class AuditEventTests {

    private static final Actor JOB = Actor.system("test-job");

    @Test
    void acceptsOpaqueTargetsActionsAndPurposes() {
        AuditEvent event = AuditEvent.by(JOB, "register.subject.read", Outcome.SUCCESS).withPurpose("newsletter")
                .withTargets("subject:8c1f2a9e-0d1b-4c55-9d3e-2f0a8a1b7c11", "token:42");

        assertThat(event.targets()).hasSize(2);
    }

    @Test
    void rejectsAnEmailAddressAsTarget() {
        assertThatThrownBy(() -> AuditEvent.by(JOB, "register.subject.read", Outcome.SUCCESS)
                .withTargets("email:kari@example.no")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("kari");
    }

    @Test
    void rejectsSpacesInTargets() {
        assertThatThrownBy(() -> AuditEvent.by(JOB, "register.subject.read", Outcome.SUCCESS)
                .withTargets("subject:Kari Nordmann")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Kari");
    }

    @Test
    void rejectsFreeTextAsAction() {
        assertThatThrownBy(() -> AuditEvent.by(JOB, "read Kari's file", Outcome.SUCCESS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsFreeTextAsPurpose() {
        assertThatThrownBy(() -> AuditEvent.by(JOB, "register.subject.read", Outcome.SUCCESS)
                .withPurpose("because Kari asked")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void searchRejectsAnEmailAddressAsTarget() {
        assertThatThrownBy(() -> new AuditFilter(null, null, "kari@example.no", null, null, null))
                .isInstanceOf(InvalidInput.class).hasMessageNotContaining("kari");
    }

    @Test
    void searchRejectsAnEmptyTimeWindow() {
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        assertThatThrownBy(() -> new AuditFilter(null, null, null, null, at, at)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void searchTreatsBlankCriteriaAsAbsent() {
        assertThat(new AuditFilter(" ", "", null, null, null, null)).isEqualTo(AuditFilter.ALL);
    }
}
