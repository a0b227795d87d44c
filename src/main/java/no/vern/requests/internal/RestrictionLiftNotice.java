package no.vern.requests.internal;

import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import no.vern.register.Restriction;
import no.vern.register.RestrictionNotice;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestKind;

/**
 * GDPR Art. 18(3) for restrictions that came from a request: the person is told, at the address and in the
 * language of their newest restriction or erasure case, before the register lifts the restriction; the case
 * history records it.
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
        return cases.newestWithAddress(restriction.subject(), List.of(RequestKind.RESTRICTION, RequestKind.ERASURE))
                .map(c -> tell(c, reason)).orElse(false);
    }

    private boolean tell(RequestCase c, String reason) {
        mailer.send(c.id(), file.email(c), Locale.forLanguageTag(c.language()), "restriction-lifting",
                c.id().value().toString(), reason);
        cases.event(c.id(), clock.instant(), no.vern.shared.Actors.current().reference(), "restriction-lift-told", null);
        return true;
    }
}
