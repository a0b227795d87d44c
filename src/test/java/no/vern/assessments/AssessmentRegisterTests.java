package no.vern.assessments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import no.vern.shared.AttentionItem;
import no.vern.shared.Conflict;

/**
 * Screenings and DPIAs (issue 26 item 3) against the record: the flag for activities without a screening, versions,
 * the Art. 36 consultation on the attention list, and the PDF with every section of Art. 35(7).
 */
@SpringBootTest
@AutoConfigureMockMvc
class AssessmentRegisterTests {

    @Autowired
    AssessmentRegister register;
    @Autowired
    List<AttentionItem.Source> attention;

    List<AttentionItem> items() {
        return attention.stream().flatMap(s -> s.items().stream()).filter(i -> i.source().equals("assessments")).toList();
    }

    static DpiaContent content(RiskLevel residual, DpiaDecision decision) {
        return new DpiaContent("Rekruttering med tester", "Kandidater tar en personlighetstest som rangerer dem.",
                "Testen er nødvendig for å sammenligne kandidater likt; færre data vurdert og forkastet.",
                List.of(new Risk("Urettferdig rangering", 3, 4, "Menneskelig gjennomgang"),
                        new Risk("Lekkasje av testresultater", 2, 3, "Kryptering per kandidat")),
                "Tilgang kun for rekrutterer; sletting etter seks måneder.", residual, "Ombudet anbefaler forhåndsdrøftelse.",
                decision, "Vi venter på Datatilsynet.", null, LocalDate.of(2027, 6, 1));
    }

    @Test
    void aScreeningWithTwoEdpbCriteriaRequiresADpiaAndFlagsItUntilOneIsStarted() {
        Screening s = register.screen("recruitment", Set.of(),
                EnumSet.of(EdpbCriterion.EVALUATION_OR_SCORING, EdpbCriterion.VULNERABLE_SUBJECTS), "Rangering av søkere");
        assertThat(s.dpiaRequired()).isTrue();
        assertThat(register.unscreenedActivities()).doesNotContain("recruitment");
        assertThat(items()).anyMatch(i -> i.titleKey().equals("assessments.attention.dpiaMissing")
                && i.titleArgs().equals(List.of("activity:recruitment")));

        register.create("recruitment", content(RiskLevel.MEDIUM, DpiaDecision.PENDING));
        assertThat(items()).noneMatch(i -> i.titleKey().equals("assessments.attention.dpiaMissing")
                && i.titleArgs().equals(List.of("activity:recruitment")));
    }

    @Test
    void activitiesWithoutAScreeningAreFlagged() {
        assertThat(register.unscreenedActivities()).contains("newsletters");
        assertThat(items()).anyMatch(i -> i.titleKey().equals("assessments.attention.unscreened")
                && i.titleArgs().equals(List.of("activity:newsletters")));
    }

    @Test
    void aHighResidualRiskMarksPriorConsultationAsNeededOnTheAttentionList() {
        Dpia d = register.create("events", content(RiskLevel.HIGH, DpiaDecision.PROCEED_AFTER_CONSULTATION));
        assertThat(d.content().consultationRequired()).isTrue();
        assertThat(items()).anyMatch(i -> i.titleKey().equals("assessments.attention.consultation")
                && i.link().equals("/console/assessments/dpias/" + d.id()));
    }

    @Test
    void revisingWritesANewVersionAndKeepsTheOldOne() {
        Dpia first = register.create("partners", content(RiskLevel.LOW, DpiaDecision.PENDING));
        Dpia second = register.revise(first.id(), 1, content(RiskLevel.LOW, DpiaDecision.PROCEED));

        assertThat(second.version()).isEqualTo(2);
        assertThat(register.versions(first.id())).extracting(Dpia::version).containsExactly(2, 1);
        assertThat(register.dpia(first.id(), 1)).get().extracting(x -> x.content().decision()).isEqualTo(DpiaDecision.PENDING);
        assertThatThrownBy(() -> register.revise(first.id(), 1, content(RiskLevel.LOW, DpiaDecision.PROCEED)))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void theDpiaPdfOpensWithEverySection() throws Exception {
        register.screen("prospects", EnumSet.of(ListedProcessing.PREDICTIVE_PROFILING), Set.of(), "Profilering");
        Dpia d = register.create("prospects", content(RiskLevel.HIGH, DpiaDecision.PROCEED_AFTER_CONSULTATION));

        for (Locale locale : List.of(Locale.forLanguageTag("nb"), Locale.ENGLISH)) {
            byte[] pdf = register.pdf(d.id(), 1, locale);
            String text;
            try (PDDocument document = Loader.loadPDF(pdf)) {
                text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            }
            boolean en = locale.equals(Locale.ENGLISH);
            // Art. 35(7)(a)-(d), Art. 35(2) DPO advice, the decision, Art. 36 and Art. 35(11) review.
            assertThat(text).contains(en ? "Screening" : "Forhåndsvurdering",
                    en ? "Systematic description of the processing" : "Systematisk beskrivelse av behandlingen",
                    en ? "Necessity and proportionality" : "Nødvendighet og forholdsmessighet",
                    en ? "Risks to the rights and freedoms" : "Risikoer for de registrertes",
                    en ? "Measures to address the risks" : "Tiltak mot risikoene",
                    en ? "Residual risk" : "Gjenværende risiko",
                    en ? "advice" : "Personvernombudets råd",
                    en ? "Decision" : "Beslutning",
                    en ? "Prior consultation with Datatilsynet" : "Forhåndsdrøftelse med Datatilsynet",
                    en ? "Next review" : "Neste gjennomgang",
                    "Urettferdig rangering", "12", "2027-06-01",
                    en ? "Required: the residual risk is high and Datatilsynet has not been consulted yet."
                            : "Påkrevd: den gjenværende risikoen er høy, og Datatilsynet er ikke konsultert ennå.");
        }
    }
}
