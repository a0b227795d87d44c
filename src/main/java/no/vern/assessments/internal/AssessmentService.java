package no.vern.assessments.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.assessments.AssessmentRegister;
import no.vern.assessments.Dpia;
import no.vern.assessments.DpiaContent;
import no.vern.assessments.EdpbCriterion;
import no.vern.assessments.ListedProcessing;
import no.vern.assessments.Screening;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/** Keeps screenings and DPIA versions, checked against the current record of processing. */
@Service
class AssessmentService implements AssessmentRegister {

    private final Screenings screenings;
    private final Dpias dpias;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;
    private final DpiaDocument document;

    AssessmentService(Screenings screenings, Dpias dpias, ProcessingRecord record, AuditLog audit, Clock clock,
            DpiaDocument document) {
        this.screenings = screenings;
        this.dpias = dpias;
        this.record = record;
        this.audit = audit;
        this.clock = clock;
        this.document = document;
    }

    @Override
    public List<Screening> screenings() {
        return screenings.all();
    }

    @Override
    public Optional<Screening> screening(String activityId) {
        return screenings.of(activityId);
    }

    private Activity activity(String activityId) {
        return record.current().document().activity(activityId)
                .orElseThrow(() -> new NotFound("Activity", activityId.matches("[A-Za-z0-9_-]{1,64}") ? activityId : "?"));
    }

    @Override
    @Transactional
    public Screening screen(String activityId, Set<ListedProcessing> listed, Set<EdpbCriterion> criteria, String note) {
        activity(activityId);
        String why = note == null ? "" : note.strip();
        if (why.length() > 4000) {
            throw new InvalidInput("note", "must be at most 4000 characters", "error.field.tooLong", "4000");
        }
        Screening s = new Screening(activityId,
                listed.isEmpty() ? EnumSet.noneOf(ListedProcessing.class) : EnumSet.copyOf(listed),
                criteria.isEmpty() ? EnumSet.noneOf(EdpbCriterion.class) : EnumSet.copyOf(criteria), why,
                Actors.current().reference(), clock.instant());
        screenings.save(s);
        audit.record(AuditEvent.of("assessments.screening.saved", Outcome.SUCCESS).withTargets("activity:" + activityId));
        return s;
    }

    @Override
    public List<String> unscreenedActivities() {
        Set<String> screened = new java.util.HashSet<>();
        screenings.all().forEach(s -> screened.add(s.activityId()));
        return record.current().document().activities().stream().map(Activity::id).filter(id -> !screened.contains(id))
                .toList();
    }

    @Override
    public List<Dpia> dpias() {
        return dpias.newest();
    }

    @Override
    public Optional<Dpia> dpia(UUID id) {
        return dpias.versions(id).stream().findFirst();
    }

    @Override
    public Optional<Dpia> dpia(UUID id, int version) {
        return dpias.version(id, version);
    }

    @Override
    public List<Dpia> versions(UUID id) {
        return dpias.versions(id);
    }

    @Override
    @Transactional
    public Dpia create(String activityId, DpiaContent content) {
        activity(activityId);
        content.validate();
        UUID id = UUID.randomUUID();
        dpias.create(id, activityId, clock.instant());
        dpias.insertVersion(id, 1, content, Actors.current().reference(), clock.instant());
        audit.record(AuditEvent.of("assessments.dpia.created", Outcome.SUCCESS).withTargets("dpia:" + id,
                "activity:" + activityId));
        return dpias.version(id, 1).orElseThrow();
    }

    @Override
    @Transactional
    public Dpia revise(UUID id, int basedOnVersion, DpiaContent content) {
        Dpia newest = dpia(id).orElseThrow(() -> new NotFound("DPIA", id));
        content.validate();
        if (newest.version() != basedOnVersion
                || !dpias.insertVersion(id, basedOnVersion + 1, content, Actors.current().reference(), clock.instant())) {
            throw new Conflict("dpia-stale", "Stale DPIA version",
                    "Version " + basedOnVersion + " is not the newest (" + newest.version() + "): reload and edit again");
        }
        audit.record(AuditEvent.of("assessments.dpia.revised", Outcome.SUCCESS).withTargets("dpia:" + id,
                "dpia-version:" + (basedOnVersion + 1)));
        return dpias.version(id, basedOnVersion + 1).orElseThrow();
    }

    @Override
    public byte[] pdf(UUID id, int version, Locale locale) {
        Dpia dpia = dpias.version(id, version).orElseThrow(() -> new NotFound("DPIA version", id + "/" + version));
        Activity activity = record.current().document().activity(dpia.activityId()).orElse(null);
        audit.record(AuditEvent.of("assessments.dpia.exported", Outcome.SUCCESS).withTargets("dpia:" + id));
        return document.pdf(dpia, activity, screenings.of(dpia.activityId()).orElse(null), locale);
    }
}
