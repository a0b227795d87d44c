package no.vern.training.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import no.vern.audit.AuditChain;
import no.vern.audit.AuditVerification;
import no.vern.crypto.Backups;
import no.vern.crypto.MasterKeyStatus;
import no.vern.crypto.MasterKeys;
import no.vern.training.AccessReviews;
import no.vern.training.TrainingRegister;
import no.vern.uploads.UploadInspector;
import no.vern.uploads.UploadStatistics;

/**
 * The auditor's security overview (S15): encryption at rest, audit chain, training, access
 * reviews, uploads, backups and restore drills on one page, each with a plain ok / attention mark.
 */
@Controller
class SecurityOverviewController {

    static final String PAGE = "training/security";
    /** Older than this, the master key is flagged for rotation. */
    static final Duration KEY_ROTATION = Duration.ofDays(365);
    /** Without a successful backup for this long, backups are flagged. */
    static final Duration BACKUP_AGE = Duration.ofDays(2);
    /** Restore drills at least every quarter. */
    static final Duration DRILL_AGE = Duration.ofDays(92);
    /** The audit chain should have been verified within the last two days (nightly job). */
    static final Duration VERIFY_AGE = Duration.ofDays(2);

    private final MasterKeys masterKeys;
    private final AuditChain auditChain;
    private final TrainingRegister training;
    private final AccessReviews reviews;
    private final UploadInspector uploads;
    private final Backups backups;
    private final Clock clock;

    SecurityOverviewController(MasterKeys masterKeys, AuditChain auditChain, TrainingRegister training,
            AccessReviews reviews, UploadInspector uploads, Backups backups, Clock clock) {
        this.masterKeys = masterKeys;
        this.auditChain = auditChain;
        this.training = training;
        this.reviews = reviews;
        this.uploads = uploads;
        this.backups = backups;
        this.clock = clock;
    }

    @GetMapping("/console/security")
    @PreAuthorize(TrainingConsoleController.READ)
    String overview(Model model) {
        Instant now = clock.instant();
        MasterKeyStatus keys = masterKeys.status();
        @Nullable AuditVerification verification = auditChain.lastVerification().orElse(null);
        UploadStatistics uploadStats = uploads.statistics();
        @Nullable Instant lastBackup = backups.lastBackup().orElse(null);
        @Nullable Instant lastDrill = backups.lastDrill().orElse(null);
        long overdue = training.overdue().size();
        long unreviewed = reviews.unreviewed();
        model.addAttribute("keys", keys);
        model.addAttribute("keyAgeDays", keys.age(now).toDays());
        model.addAttribute("keyOk", keys.age(now).compareTo(KEY_ROTATION) < 0 && keys.subjectKeysOnOlderMasterKeys() == 0);
        model.addAttribute("verification", verification);
        model.addAttribute("auditOk", verification != null && verification.ok()
                && Duration.between(verification.verifiedAt(), now).compareTo(VERIFY_AGE) < 0);
        model.addAttribute("overdue", overdue);
        model.addAttribute("unreviewed", unreviewed);
        model.addAttribute("uploads", uploadStats);
        model.addAttribute("lastBackup", lastBackup);
        model.addAttribute("backupOk", lastBackup != null && Duration.between(lastBackup, now).compareTo(BACKUP_AGE) < 0);
        model.addAttribute("lastDrill", lastDrill);
        model.addAttribute("drillOk", lastDrill != null && Duration.between(lastDrill, now).compareTo(DRILL_AGE) < 0);
        return PAGE;
    }
}
