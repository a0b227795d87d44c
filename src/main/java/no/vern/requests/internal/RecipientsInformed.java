package no.vern.requests.internal;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.requests.RequestCase;

/**
 * GDPR Art. 19: the recipients (from the record of processing) of the purposes the person's data was held for
 * must be told of the erasure, rectification or restriction. Vern does not yet track telling them (the connected
 * systems get their steps; the other recipients are the handler's to tell), so the person is told who they are
 * and that telling them is still pending, and the history records them as pending: never that they were told.
 */
@Component
class RecipientsInformed {

    private final ProcessingRecord record;
    private final Cases cases;
    private final Mailer mailer;
    private final Clock clock;

    RecipientsInformed(ProcessingRecord record, Cases cases, Mailer mailer, Clock clock) {
        this.record = record;
        this.cases = cases;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Records who is informed and returns the paragraph for the person's mail (empty when nobody). */
    String of(RequestCase c, Set<String> purposeKeys, Locale locale) {
        Set<String> names = new LinkedHashSet<>();
        for (Activity activity : record.current().document().activities()) {
            if (activity.purposes().stream().anyMatch(p -> purposeKeys.contains(p.key()))) {
                activity.recipients().forEach(r -> names.add(r.name().in(locale)));
            }
        }
        if (names.isEmpty()) {
            return "";
        }
        cases.event(c.id(), clock.instant(), RequestService.actor().reference(), "recipients-to-inform",
                String.join("; ", names));
        return "\n\n" + mailer.text("requests.recipients.pending", locale, String.join(", ", names));
    }
}
