package no.vern.breach.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import no.vern.breach.BreachFacts;
import no.vern.breach.BreachId;
import no.vern.breach.BreachRegister;
import no.vern.breach.Channel;
import no.vern.breach.NewBreach;
import no.vern.breach.NotificationPhase;
import no.vern.breach.RiskLevel;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;

/**
 * Invented breaches for a demo installation, so the console shows the register working on first
 * start: one closed and not notifiable, one notified, one with the clock running.
 */
@Component
class DemoBreaches implements DemoData {

    private static final Actor DEMO = Actor.system("breach-demo");

    private final DemoMode demo;
    private final Breaches breaches;
    private final BreachRegister register;
    private final Clock clock;

    DemoBreaches(DemoMode demo, Breaches breaches, BreachRegister register, Clock clock) {
        this.demo = demo;
        this.breaches = breaches;
        this.register = register;
        this.clock = clock;
    }

    @Override
    public int order() {
        return DemoData.WORKFLOWS;
    }

    @Override
    public void load() {
        if (!demo.enabled() || breaches.count() > 0) {
            return;
        }
        Actors.runAs(DEMO, () -> {
            Instant now = clock.instant();
            BreachId closed = register.report(new NewBreach("E-post til feil mottaker", "En faktura med navn og adresse ble sendt til feil kunde, som slettet den straks.",
                    now.minus(Duration.ofDays(40)), now.minus(Duration.ofDays(40)), Channel.DEMO, null)).id();
            register.updateFacts(closed, new BreachFacts("En faktura med navn og adresse ble sendt til feil kunde, som slettet den straks.",
                    "Feil i adressefeltet ved manuell utsending.", "Menneskelig feil", now.minus(Duration.ofDays(40)),
                    now.minus(Duration.ofDays(40)), List.of("name", "postal-address"), List.of("CUSTOMER_CONTACT"), 1L, 1L,
                    "Slettet hos mottaker (bekreftet skriftlig).", "Ingen sannsynlige følger.", "Mottaker bekreftet sletting.",
                    "Opplæring i utsending.", ""));
            register.assess(closed, RiskLevel.NONE, "Én mottaker, kjent kunde, bekreftet sletting samme dag: ingen risiko for den registrerte.");
            register.decide(closed, "Ikke meldepliktig; dokumentert i avviksregisteret.");
            register.close(closed);

            BreachId notified = register.report(new NewBreach("Mistet bærbar PC", "En bærbar PC med CV-er ble stjålet fra en bil.",
                    now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(10)), Channel.DEMO, null)).id();
            register.assess(notified, RiskLevel.RISK, "Disken var kryptert, men passordet kan ha ligget i vesken.");
            register.recordAuthorityNotification(notified, NotificationPhase.INITIAL,
                    now.minus(Duration.ofDays(9)), "DT-2026-0815", "");

            register.report(new NewBreach("Delt mappe åpen for alle ansatte", "En mappe med søknader var lesbar for alle ansatte.",
                    now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(26)), Channel.DEMO, null));
        });
    }
}
