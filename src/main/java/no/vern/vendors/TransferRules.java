package no.vern.vendors;

import java.time.LocalDate;

/** Whether a registered transfer has a ground that holds today (GDPR Arts. 44-49). One rule, one place. */
public final class TransferRules {

    private TransferRules() {
    }

    /**
     * Art. 44: a transfer takes place only under Chapter V. The mechanism must fit the country (Art. 45 adequacy,
     * the DPF certification not lapsed on {@code today}), name what it needs (SCC module, Art. 49(1) point), and
     * the transfer impact assessment must not have found it ineffective (C-311/18 Schrems II).
     */
    public static boolean hasValidMechanism(Transfer t, LocalDate today) {
        if (t.tiaOutcome() == TiaOutcome.NOT_EFFECTIVE) {
            return false;
        }
        return switch (t.mechanism()) {
            case NONE -> false;
            case ADEQUACY -> Countries.adequate(t.country());
            case DATA_PRIVACY_FRAMEWORK -> "US".equals(t.country()) && t.dpfCertifiedUntil() != null
                    && !t.dpfCertifiedUntil().isBefore(today);
            case STANDARD_CONTRACTUAL_CLAUSES -> t.sccModule() != null;
            case BINDING_CORPORATE_RULES -> true;
            case DEROGATION -> t.derogation() != null;
        };
    }

    /** Art. 44: a transfer without a valid ground that the privacy officer has not accepted with a reason blocks the policy. */
    public static boolean blocking(Transfer t, LocalDate today) {
        return !hasValidMechanism(t, today) && !t.accepted();
    }
}
