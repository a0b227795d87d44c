package no.vern.register;

import java.util.Map;

import org.springframework.http.HttpStatus;

import no.vern.shared.VernProblem;

/**
 * The caller's role may not use this purpose, or these categories under it (role × purpose × category
 * matrix, GDPR Art. 5(1)(b) and 32(4)); audited as DENIED. Names the purpose and categories, never data.
 */
public final class PurposeNotPermitted extends VernProblem {

    private final String purposeKey;

    public PurposeNotPermitted(String purposeKey, String what) {
        super("purpose-not-permitted", HttpStatus.FORBIDDEN, "Purpose not permitted for your role",
                "Your role may not use " + what + " for purpose '" + purposeKey + "'.");
        this.purposeKey = purposeKey;
    }

    /** The refused purpose's key. */
    public String purposeKey() {
        return purposeKey;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("purpose", purposeKey);
    }
}
