package no.vern.requests.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import no.vern.register.Restriction;
import no.vern.register.RestrictionNotice;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestKind;
import no.vern.shared.Actors;

/**
 * GDPR Art. 18(3) for restrictions that came from a request: the person is told, at the address and in the
 * language of their newest restriction case (on this subject or on any subject it acted on under the address),
 * before the register lifts the restriction. The mail is handed to the mail server now, not queued: when the
 * server refuses it, nothing is lifted (the caller's transaction rolls back). The case history records it.
 */
@Component
class RestrictionLiftNotice implements RestrictionNotice {

    private final Cases cases;
    private final CaseFile file;
    private final Mailer mailer;
    private final Clock clock;

    RestrictionLiftNotice(Cases cases, CaseFile file, Mailer mailer, Clock clock) {
        this.cases = cases;
        this.file = file;
        this.mailer = mailer;
        this.clock = clock;
    }

    @Override
    public boolean tellBeforeLifting(Restriction restriction, String reason) {
        return cases.newestWithAddress(restriction.subject(), List.of(RequestKind.RESTRICTION))
                .map(c -> tell(c, reason)).orElse(false);
    }

    private boolean tell(RequestCase c, String reason) {
        mailer.sendNow(c.id(), file.email(c), Locale.forLanguageTag(c.language()), "restriction-lifting",
                c.id().value().toString(), reason);
        cases.event(c.id(), clock.instant(), Actors.current().reference(), "restriction-lift-told", null, List.of());
        return true;
    }
}
