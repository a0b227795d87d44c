package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import no.vern.requests.RequestCase;
import no.vern.requests.Requests;
import no.vern.shared.VernClock;

/**
 * The privacy officer's daily digest of open cases, soonest due first, with the 7- and 2-day warnings;
 * it names cases by id and kind only (no personal data in mail to staff).
 */
@Component
class Digest {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d.M.yyyy").withZone(VernClock.ZONE);
    private static final Locale NB = Locale.forLanguageTag("nb");

    private final Requests requests;
    private final Mailer mailer;
    private final Clock clock;

    Digest(Requests requests, Mailer mailer, Clock clock) {
        this.requests = requests;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Builds and sends the digest; returns its text (for tests). Nothing is sent without open cases. */
    String send() {
        String text = text();
        if (!text.isEmpty()) {
            mailer.toOfficer(mailer.text("requests.digest.subject", NB, requests.list(null, null).size()), text);
        }
        return text;
    }

    String text() {
        Instant now = clock.instant();
        List<RequestCase> open = requests.list(null, null);
        if (open.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(mailer.text("requests.digest.intro", NB, open.size())).append("\n\n");
        for (RequestCase c : open) {
            String warning = c.warning(now);
            b.append(WHEN.format(c.dueAt())).append("  ")
                    .append(mailer.text("requests.kind." + c.kind().name(), NB)).append("  ")
                    .append(mailer.text("requests.status." + c.status().name(), NB))
                    .append(warning.isEmpty() ? "" : "  [" + mailer.text("requests.warning." + warning, NB) + "]")
                    .append("  ").append(c.id()).append('\n');
        }
        return b.toString();
    }
}
