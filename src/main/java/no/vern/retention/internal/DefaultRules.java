package no.vern.retention.internal;


import org.jspecify.annotations.Nullable;

import no.vern.retention.PeriodUnit;
import no.vern.retention.RuleChange;
import no.vern.retention.RuleKind;

/**
 * The seed rules for the purposes of the seeded record of processing, in the terms of its retention texts
 * (S13, S23). Bookkeeping: primary documentation (sales, purchase history) 5 years and secondary
 * documentation (payment details) 3.5 years from the end of the accounting year (Bookkeeping Act § 13).
 */
final class DefaultRules {

    private static final String CONTACT = "name,email,phone,postal-address";

    private DefaultRules() {
    }

    /** The seed rule of a purpose and category, or null when there is none (the console then flags it). */
    static @Nullable RuleChange of(String purposeKey, String category) {
        return switch (purposeKey) {
            case "customer-administration", "partner-management" -> switch (category) {
                case "purchase-history" -> new RuleChange(RuleKind.BOOKKEEPING, 5, PeriodUnit.YEARS, null, 0,
                        "Bokføringsloven § 13: primærdokumentasjon 5 år etter regnskapsårets slutt");
                case "bank-information" -> new RuleChange(RuleKind.BOOKKEEPING, 42, PeriodUnit.MONTHS, null, 0,
                        "Bokføringsloven § 13: sekundærdokumentasjon 3,5 år etter regnskapsårets slutt");
                default -> contains(CONTACT, category) ? new RuleChange(RuleKind.AGREEMENT_PLUS, 3, PeriodUnit.MONTHS,
                        null, 0, "Så lenge avtalen løper, og 3 måneder etter (S3, S13)") : null;
            };
            case "prospect-dialogue" -> new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 12, PeriodUnit.MONTHS, null, 0,
                    "Samtykke; ikke lenger enn 12 måneder etter siste kontakt");
            case "recruitment" -> new RuleChange(RuleKind.AFTER_RECRUITMENT_CLOSED, 6, PeriodUnit.MONTHS,
                    "talent-pool", 30, "6 måneder etter avsluttet prosess, med mindre kandidaten blir i talentbanken");
            case "talent-pool" -> new RuleChange(RuleKind.UNTIL_CONSENT_ENDS, 2, PeriodUnit.YEARS, null, 0,
                    "Til samtykket trekkes tilbake eller utløper, og ikke lenger enn 2 år");
            case "events" -> new RuleChange(RuleKind.AFTER_EVENT, 12, PeriodUnit.MONTHS, "prospect-dialogue", 0,
                    "12 måneder etter arrangementet, med mindre deltakeren samtykker til videre dialog (S5)");
            case "newsletter" -> new RuleChange(RuleKind.AGREEMENT_PLUS, 0, PeriodUnit.MONTHS, null, 0,
                    "Så lenge kunde- eller samarbeidsforholdet løper (S7)");
            case "website-statistics" -> new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 0, PeriodUnit.DAYS, null, 0,
                    "IP-adressen brukes bare i minnet til den daglige tellekoden og lagres aldri (S16); sidevisningene"
                            + " slettes av nettstedmodulen (vern.website.raw-retention)");
            case "pending-consent" -> new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 14, PeriodUnit.DAYS, null, 0,
                    "Data som venter på samtykke slettes 14 dager etter at de kom inn (samtykkemodulen,"
                            + " vern.consent.pending-days; samme tall)");
            case "website-consent-proofs" -> new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 3, PeriodUnit.YEARS, null, 0,
                    "Samtykkebevis slettes 3 år etter valget (foreldelsesloven § 2); nettstedmodulen sletter dem");
            case "security" -> "ip-address".equals(category)
                    ? new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 12, PeriodUnit.MONTHS, null, 0,
                            "Tilgangslogger slettes etter 12 måneder")
                    : new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 5, PeriodUnit.YEARS, null, 0,
                            "Dokumentasjon av sikkerhetsbrudd oppbevares i inntil 5 år (Art. 33(5))");
            case "data-subject-requests" -> new RuleChange(RuleKind.AFTER_LAST_ACTIVITY, 3, PeriodUnit.YEARS, null, 0,
                    "3 år etter at saken er avsluttet (foreldelsesloven § 2); forespørselsmodulen sletter saken");
            default -> null;
        };
    }

    private static boolean contains(String list, String category) {
        return ("," + list + ",").contains("," + category + ",");
    }
}
