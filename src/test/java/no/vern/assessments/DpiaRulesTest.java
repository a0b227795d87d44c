package no.vern.assessments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.vern.shared.InvalidInput;

/** When a DPIA is required (Art. 35) and when Datatilsynet must be consulted (Art. 36). */
class DpiaRulesTest {

    @Test
    void aScreeningWithTwoEdpbCriteriaRequiresADpia() {
        assertThat(DpiaRules.required(Set.of(), EnumSet.of(EdpbCriterion.VULNERABLE_SUBJECTS,
                EdpbCriterion.EVALUATION_OR_SCORING))).isTrue();
    }

    @Test
    void aScreeningWithOneEdpbCriterionDoesNot() {
        assertThat(DpiaRules.required(Set.of(), EnumSet.of(EdpbCriterion.LARGE_SCALE))).isFalse();
        assertThat(DpiaRules.required(Set.of(), Set.of())).isFalse();
    }

    @Test
    void oneKindFromDatatilsynetsListRequiresADpiaOnItsOwn() {
        assertThat(DpiaRules.required(EnumSet.of(ListedProcessing.EMPLOYEE_MONITORING), Set.of())).isTrue();
    }

    @Test
    void aHighResidualRiskMarksPriorConsultationAsNeeded() {
        assertThat(content(RiskLevel.HIGH, DpiaDecision.PROCEED_AFTER_CONSULTATION).consultationRequired()).isTrue();
        assertThat(content(RiskLevel.MEDIUM, DpiaDecision.PROCEED).consultationRequired()).isFalse();
    }

    @Test
    void aHighResidualRiskCannotBeDecidedToProceedWithoutConsultation() {
        assertThatThrownBy(() -> content(RiskLevel.HIGH, DpiaDecision.PROCEED).validate())
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .anyMatch(f -> f.field().equals("decision")));
    }

    @Test
    void riskLevelIsLikelihoodTimesSeverity() {
        assertThat(new Risk("r", 1, 3, "").level()).isEqualTo(RiskLevel.LOW);
        assertThat(new Risk("r", 2, 2, "").level()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(new Risk("r", 3, 3, "").score()).isEqualTo(9);
        assertThat(new Risk("r", 3, 3, "").level()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void aDecisionNeedsTheDposAdviceFirst() {
        // Art. 35(2): the controller seeks the DPO's advice when carrying out the DPIA.
        DpiaContent noAdvice = new DpiaContent("t", "d", "n", List.of(new Risk("r", 2, 2, "m")), "m", RiskLevel.LOW, "",
                DpiaDecision.PROCEED, "", null, LocalDate.of(2027, 12, 1));
        assertThatThrownBy(noAdvice::validate).isInstanceOfSatisfying(InvalidInput.class,
                e -> assertThat(e.errors()).anyMatch(f -> f.field().equals("dpoAdvice")));
    }

    static DpiaContent content(RiskLevel residual, DpiaDecision decision) {
        return new DpiaContent("Rekruttering", "Beskrivelse", "Nødvendighet", List.of(new Risk("Lekkasje", 3, 4, "Kryptering")),
                "Tiltak", residual, "Råd fra ombudet", decision, "", null, LocalDate.of(2027, 12, 1));
    }
}
