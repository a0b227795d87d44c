package no.vern.breach.internal;

import java.util.Map;

import org.springframework.stereotype.Component;

import no.vern.breach.Breach;
import no.vern.breach.BreachNotice;
import no.vern.processing.Contact;
import no.vern.processing.ProcessingRecord;

/**
 * Writes the plain-language notice to the people affected by a high-risk breach (GDPR Art. 34(2)):
 * nature of the breach, contact point, likely consequences and measures, in Norwegian and English.
 */
@Component
class NoticeTexts {

    private final ProcessingRecord record;

    NoticeTexts(ProcessingRecord record) {
        this.record = record;
    }

    BreachNotice notice(Breach breach) {
        Contact dpo = record.current().document().dataProtectionOfficer();
        Contact controller = record.current().document().controller();
        String contact = dpo.name() + ", " + dpo.email() + (dpo.phone() == null ? "" : ", " + dpo.phone());
        String nb = """
                Hei,

                Vi skriver for å fortelle deg om et sikkerhetsbrudd hos %s som gjelder opplysninger om deg.

                Hva som skjedde:
                %s

                Mulige følger for deg:
                %s

                Hva vi har gjort og gjør:
                %s

                Har du spørsmål, kontakt personvernombudet vårt: %s. Oppgi referansen %s.

                Med vennlig hilsen
                %s
                """.formatted(controller.name(), or(breach.facts().whatHappened(), "Vi undersøker fortsatt hva som skjedde."),
                or(breach.facts().consequences(), "Vi vurderer fortsatt hvilke følger bruddet kan få."),
                or(join(breach.facts().measuresTaken(), breach.facts().measuresPlanned()),
                        "Vi har satt i gang tiltak for å begrense skaden."),
                contact, breach.receipt(), controller.name());
        String en = """
                Hello,

                We are writing to tell you about a security breach at %s that concerns data about you.

                What happened:
                %s

                Likely consequences for you:
                %s

                What we have done and are doing:
                %s

                If you have questions, contact our data protection officer: %s. Please quote the reference %s.

                Kind regards
                %s
                """.formatted(controller.name(), or(breach.facts().whatHappened(), "We are still investigating what happened."),
                or(breach.facts().consequences(), "We are still assessing the likely consequences."),
                or(join(breach.facts().measuresTaken(), breach.facts().measuresPlanned()),
                        "We have taken measures to limit the harm."),
                contact, breach.receipt(), controller.name());
        return new BreachNotice(breach.id(), breach.receipt(),
                Map.of("nb", "Sikkerhetsbrudd som gjelder deg (" + breach.receipt() + ")",
                        "en", "A security breach that concerns you (" + breach.receipt() + ")"),
                Map.of("nb", nb, "en", en));
    }

    private static String or(String text, String fallback) {
        return text.isBlank() ? fallback : text;
    }

    private static String join(String a, String b) {
        return (a + "\n" + b).strip();
    }
}
