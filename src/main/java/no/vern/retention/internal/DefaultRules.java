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
    /** How long an event's own records are kept after it (S5). */
    static final int EVENTS_MONTHS = 12;
    /** How long a newsletter consent carries at most before it must be renewed. */
    static final int NEWSLETTER_YEARS = 2;

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
            // The event's own records go 12 months after it (S5); what the participant consented to besides (CRM
            // dialogue, newsletter) is held under those purposes with rules of their own, so nothing here waits for it.
            case "events" -> new RuleChange(RuleKind.AFTER_EVENT, EVENTS_MONTHS, PeriodUnit.MONTHS, null, 0,
                    "12 måneder etter arrangementet (S5); CRM-dialog og nyhetsbrev har egne samtykker og regler");
            // Markedsføringsloven § 15 first paragraph: consent; it runs out, it is not kept until an agreement ends.
            case "newsletter" -> new RuleChange(RuleKind.UNTIL_CONSENT_ENDS, NEWSLETTER_YEARS, PeriodUnit.YEARS, null, 0,
                    "Til samtykket trekkes tilbake, og ikke lenger enn 2 år etter at det ble gitt eller fornyet"
                            + " (markedsføringsloven § 15 første ledd)");
            // § 15 second paragraph (soft opt-in): only while the customer relationship runs.
            case "customer-newsletter" -> new RuleChange(RuleKind.AGREEMENT_PLUS, 0, PeriodUnit.MONTHS, null, 0,
                    "Så lenge kundeforholdet løper (markedsføringsloven § 15 annet ledd), eller til innsigelse (S7)");
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
