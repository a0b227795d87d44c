package no.vern.consent;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/** A consent was asked for a purpose whose legal basis is not consent (GDPR Art. 6(1)(a)); nothing was recorded. */
public final class NotConsentBased extends VernProblem {

    /** Signals the refusal, naming the purpose key only. */
    public NotConsentBased(String purposeKey) {
        super("not-consent-based", HttpStatus.UNPROCESSABLE_CONTENT, "Purpose is not based on consent",
                "The purpose '" + purposeKey + "' has another legal basis than consent; no consent can be recorded for it.");
    }
}
