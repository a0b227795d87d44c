package no.vern.requests.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.springframework.stereotype.Component;

import no.vern.requests.NewRequest;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.Requests;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;

/**
 * Invented open requests for a demo installation, so the dashboard shows deadlines at work: one overdue
 * soon (2-day warning), one in the 7-day window, one extended, two fresh. No new register subjects.
 */
@Component
class DemoRequests implements DemoData {

    static final Actor ACTOR = Actor.system("requests-demo");

    private final DemoMode demo;
    private final Cases cases;
    private final Requests requests;
    private final Clock clock;

    DemoRequests(DemoMode demo, Cases cases, Requests requests, Clock clock) {
        this.demo = demo;
        this.cases = cases;
        this.requests = requests;
        this.clock = clock;
    }

    @Override
    public int order() {
        return DemoData.WORKFLOWS;
    }

    @Override
    public void load() {
        if (!demo.enabled() || cases.count() > 0) {
            return;
        }
        Actors.runAs(ACTOR, () -> {
            Instant now = clock.instant();
            Locale nb = Locale.forLanguageTag("nb");
            receive(RequestKind.ACCESS, RequestChannel.EMAIL, "ingrid.haugland@demo.example", now.minus(Duration.ofDays(29)), nb,
                    "Hei, jeg vil gjerne vite hvilke opplysninger dere har om meg.");
            RequestId soon = receive(RequestKind.ERASURE, RequestChannel.LETTER, "per.solberg@demo.example",
                    now.minus(Duration.ofDays(24)), nb, "Slett meg fra alle lister.");
            requests.assign(soon, "demo-handler");
            RequestId extended = receive(RequestKind.ACCESS, RequestChannel.EMAIL, "sara.lind@demo.example",
                    now.minus(Duration.ofDays(20)), Locale.ENGLISH, "Please send me a copy of all data you hold about me, including from the CRM.");
            requests.verify(extended, "replied from the address on file");
            requests.extend(extended, 1, "The request covers five systems, two of them run by suppliers.");
            receive(RequestKind.RECTIFICATION, RequestChannel.WEB_FORM, "jonas.berg@demo.example",
                    now.minus(Duration.ofDays(4)), nb, "Telefonnummeret mitt er feil.");
            receive(RequestKind.QUESTION, RequestChannel.PHONE, "mette.dahl@demo.example", now.minus(Duration.ofHours(6)), nb,
                    "Hvor lenge lagrer dere CV-en min?");
        });
    }

    private RequestId receive(RequestKind kind, RequestChannel channel, String email, Instant at, Locale locale,
            String details) {
        return requests.receive(new NewRequest(kind, channel, email, at, locale, details)).request().id();
    }
}
