package no.vern.assessments.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import no.vern.assessments.Dpia;
import no.vern.assessments.Screening;
import no.vern.shared.AttentionItem;
import no.vern.shared.AttentionItem.Severity;
import no.vern.shared.VernClock;

/** What the assessments put on the console's attention list; a pure function of the registers and the date. */
final class AssessmentAttention {

    static final List<String> ROLES = List.of("PRIVACY_OFFICER");

    private AssessmentAttention() {
    }

    static List<AttentionItem> items(List<String> unscreened, List<Screening> screenings, List<Dpia> dpias,
            LocalDate today) {
        List<AttentionItem> items = new ArrayList<>();
        for (String activity : unscreened) {
            // Art. 35(1): whether a DPIA is needed is assessed before the processing; this activity was never screened.
            items.add(new AttentionItem("assessments", "assessments.attention.unscreened", List.of("activity:" + activity), null,
                    Severity.NOTICE, "assessments.attention.screen", "/console/assessments#activity-" + activity, ROLES));
        }
        Set<String> assessed = dpias.stream().map(Dpia::activityId).collect(Collectors.toSet());
        for (Screening s : screenings) {
            if (s.dpiaRequired() && !assessed.contains(s.activityId())) {
                items.add(new AttentionItem("assessments", "assessments.attention.dpiaMissing", List.of("activity:" + s.activityId()),
                        null, Severity.WARNING, "assessments.attention.startDpia",
                        "/console/assessments/dpias/new?activity=" + s.activityId(), ROLES));
            }
        }
        for (Dpia d : dpias) {
            if (d.reviewOverdue(today)) {
                // Art. 35(11): the controller reviews whether the processing is still performed as assessed.
                items.add(new AttentionItem("assessments", "assessments.attention.reviewOverdue",
                        List.of(d.content().title(), String.valueOf(d.content().reviewOn())),
                        java.util.Objects.requireNonNull(d.content().reviewOn()).atStartOfDay(VernClock.ZONE).toInstant(),
                        Severity.WARNING, "assessments.attention.open", "/console/assessments/dpias/" + d.id(), ROLES));
            }
            if (d.content().consultationRequired() && d.content().consultedOn() == null) {
                items.add(new AttentionItem("assessments", "assessments.attention.consultation",
                        List.of(d.content().title()), null, Severity.CRITICAL, "assessments.attention.open",
                        "/console/assessments/dpias/" + d.id(), ROLES));
            }
        }
        return List.copyOf(items);
    }
}
