package no.vern.consent.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.consent.ConsentExpired;
import no.vern.consent.ConsentWithdrawn;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.UnknownPurpose;
import no.vern.register.SubjectRegister;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;

/**
 * Erases what was held on a consent once it is withdrawn or lapses (GDPR Art. 7(3), 17(1)(b); S5, S26):
 * after the ledger commits, asynchronously, retried by the event publication registry until it succeeds.
 */
@Component
class WithdrawalEffects {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalEffects.class);
    static final Actor ACTOR = Actor.system("consent-withdrawal");

    private final SubjectRegister register;
    private final ProcessingRecord record;
    private final AuditLog audit;

    WithdrawalEffects(SubjectRegister register, ProcessingRecord record, AuditLog audit) {
        this.register = register;
        this.record = record;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(ConsentWithdrawn event) {
        eraseConsentOnly(event.subject(), event.purposeKey(), "consent.withdrawal.erase");
    }

    @ApplicationModuleListener
    void on(ConsentExpired event) {
        eraseConsentOnly(event.subject(), event.purposeKey(), "consent.expiry.erase");
    }

    private void eraseConsentOnly(SubjectId subject, String purposeKey, String action) {
        if (!consentBased(purposeKey)) {
            return; // data held on another basis stays; the consent only covered something extra
        }
        int erased = Actors.runAs(ACTOR, () -> {
            try {
                return register.isErased(subject) ? 0 : register.eraseRecords(subject, purposeKey);
            } catch (NotFound e) {
                return 0; // consent recorded, nothing stored yet
            }
        });
        audit.record(AuditEvent.by(ACTOR, action, Outcome.SUCCESS).withPurpose(purposeKey)
                .withTargets(subject.reference()));
        log.info("Consent ended for subject {} and purpose {}: {} records erased", subject, purposeKey, erased);
    }

    private boolean consentBased(String purposeKey) {
        try {
            return record.legalBasisOf(purposeKey) == LegalBasis.CONSENT;
        } catch (UnknownPurpose e) {
            return true; // the purpose left the record: nothing may be kept for it
        }
    }
}
