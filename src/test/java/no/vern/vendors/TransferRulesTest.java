package no.vern.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.vern.shared.InvalidInput;

/** GDPR Chapter V as one rule: the EU/EEA list, adequacy, the DPF by date, SCC modules and the TIA. */
class TransferRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    static Transfer transfer(String country, TransferMechanism mechanism, SccModule module, LocalDate dpfUntil,
            TiaOutcome tia) {
        return new Transfer(UUID.randomUUID(), UUID.randomUUID(), country, mechanism, module, dpfUntil, dpfUntil, null,
                tia, null, "", null, null, null);
    }

    @Test
    void norwayIcelandAndLiechtensteinAreInsideTheEeaAndTheUkAndUsAreNot() {
        // EEA Agreement: the three EFTA states are inside; the UK left the EU (adequate, but a third country).
        assertThat(Countries.insideEea("NO")).isTrue();
        assertThat(Countries.insideEea("IS")).isTrue();
        assertThat(Countries.insideEea("LI")).isTrue();
        assertThat(Countries.insideEea("DE")).isTrue();
        assertThat(Countries.insideEea("GB")).isFalse();
        assertThat(Countries.insideEea("US")).isFalse();
        assertThat(Countries.insideEea("CH")).isFalse();
    }

    @Test
    void adequacyCoversTheUkButNeverTheUsAsAWhole() {
        // Art. 45: the US is adequate only for DPF-certified recipients (Implementing Decision 2023/1795).
        assertThat(TransferRules.hasValidMechanism(transfer("GB", TransferMechanism.ADEQUACY, null, null,
                TiaOutcome.NOT_NEEDED), TODAY)).isTrue();
        assertThat(TransferRules.hasValidMechanism(transfer("US", TransferMechanism.ADEQUACY, null, null,
                TiaOutcome.NOT_NEEDED), TODAY)).isFalse();
    }

    @Test
    void aDataPrivacyFrameworkCertificationHoldsUntilItsDateAndNotAfter() {
        Transfer until = transfer("US", TransferMechanism.DATA_PRIVACY_FRAMEWORK, null, TODAY, TiaOutcome.NOT_NEEDED);
        assertThat(TransferRules.hasValidMechanism(until, TODAY)).isTrue();
        assertThat(TransferRules.hasValidMechanism(until, TODAY.plusDays(1))).isFalse();
    }

    @Test
    void standardClausesNeedAModuleAndATiaThatFoundThemEffective() {
        assertThat(TransferRules.hasValidMechanism(transfer("IN", TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES,
                SccModule.PROCESSOR_TO_PROCESSOR, null, TiaOutcome.EFFECTIVE_WITH_MEASURES), TODAY)).isTrue();
        assertThat(TransferRules.hasValidMechanism(transfer("IN", TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES,
                null, null, TiaOutcome.EFFECTIVE), TODAY)).isFalse();
        // Schrems II (C-311/18): clauses that the assessment found ineffective are no ground.
        assertThat(TransferRules.hasValidMechanism(transfer("IN", TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES,
                SccModule.PROCESSOR_TO_PROCESSOR, null, TiaOutcome.NOT_EFFECTIVE), TODAY)).isFalse();
    }

    @Test
    void aTransferWithoutMechanismBlocksUntilAcceptedWithAReason() {
        Transfer none = transfer("IN", TransferMechanism.NONE, null, null, TiaOutcome.NOT_ASSESSED);
        assertThat(TransferRules.blocking(none, TODAY)).isTrue();
        Transfer accepted = new Transfer(none.id(), none.vendorId(), "IN", TransferMechanism.NONE, null, null, null, null,
                TiaOutcome.NOT_ASSESSED, null, "", "Support ends in January; the vendor is being replaced", "user:x",
                java.time.Instant.EPOCH);
        assertThat(TransferRules.blocking(accepted, TODAY)).isFalse();
    }

    @Test
    void aDestinationInsideTheEeaIsRefusedAsNotATransfer() {
        TransferInput input = new TransferInput("se", TransferMechanism.NONE, null, null, null, null, null, null, "");
        assertThatThrownBy(input::validate).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).anyMatch(f -> f.field().equals("country")));
    }

    @Test
    void standardClausesWithoutAModuleAreRefused() {
        TransferInput input = new TransferInput("US", TransferMechanism.STANDARD_CONTRACTUAL_CLAUSES, null, null, null,
                null, null, null, "");
        assertThatThrownBy(input::validate).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).anyMatch(f -> f.field().equals("sccModule")));
    }
}
