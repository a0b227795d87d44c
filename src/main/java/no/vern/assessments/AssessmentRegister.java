package no.vern.assessments;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Screenings and DPIAs (GDPR Art. 35). Every change is audited; DPIA versions are never changed or deleted. */
public interface AssessmentRegister {

    /** Every screening. */
    List<Screening> screenings();

    /** The screening of one activity. */
    Optional<Screening> screening(String activityId);

    /** Screens (or screens again) an activity of the current record; {@link no.vern.shared.NotFound} for an unknown activity. */
    Screening screen(String activityId, Set<ListedProcessing> listed, Set<EdpbCriterion> criteria, String note);

    /** Ids of the current record's activities that have no screening. */
    List<String> unscreenedActivities();

    /** The newest version of every DPIA. */
    List<Dpia> dpias();

    /** The newest version of one DPIA. */
    Optional<Dpia> dpia(UUID id);

    /** One version of a DPIA. */
    Optional<Dpia> dpia(UUID id, int version);

    /** Every version of a DPIA, newest first. */
    List<Dpia> versions(UUID id);

    /** Starts a DPIA of an activity with its first version. */
    Dpia create(String activityId, DpiaContent content);

    /**
     * Saves a new version; {@link no.vern.shared.Conflict} if {@code basedOnVersion} is not the newest (someone else
     * saved in between).
     */
    Dpia revise(UUID id, int basedOnVersion, DpiaContent content);

    /** The DPIA version as a PDF document in Norwegian or English. */
    byte[] pdf(UUID id, int version, Locale locale);
}
