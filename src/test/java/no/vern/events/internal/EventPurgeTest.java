package no.vern.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import no.vern.consent.ConsentLedger;
import no.vern.events.Event;
import no.vern.events.NewEvent;
import no.vern.events.SignUp;
import no.vern.events.SignUpResult;
import no.vern.processing.SubjectKind;
import no.vern.register.SubjectRegister;
import no.vern.support.TestClock;
import no.vern.support.MailTestSupport;
import no.vern.support.VernTest;

/**
 * Without CRM consent a participant's data is used only for the event and erased
 * {@code vern.events.delete-after-days} (30) days after it (GDPR Art. 5(1)(c), 5(1)(e); S5), by a job
 * that is safe to run again.
 */
@VernTest
class EventPurgeTest extends MailTestSupport {

    private static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired
    EventService service;
    @Autowired
    EventPurge purge;
    @Autowired
    SubjectRegister register;
    @Autowired
    ConsentLedger ledger;
    @Autowired
    Clock clock;

    @AfterEach
    void resetClock() {
        ((TestClock) clock).reset();
    }

    SignUpResult signUp(Event event, boolean crm, boolean newsletter) {
        return service.signUp(event.id(), new SignUp("Deltaker " + UUID.randomUUID().toString().substring(0, 4),
                uniqueEmail(), null, null, crm, newsletter, NB, null, null, null));
    }

    @Test
    void thirtyDaysAfterTheEventOnlyWhatAConsentOrTheNewsletterCoversIsLeft() {
        Instant start = clock.instant().plus(Duration.ofHours(2));
        Event event = service.create(new NewEvent("Purge-seminar", start, "Oslo", 10, start.minus(Duration.ofHours(1)),
                false, false));
        SignUpResult eventOnly = signUp(event, false, false);
        SignUpResult withCrm = signUp(event, true, false);
        SignUpResult withNewsletter = signUp(event, false, true);

        // 29 days after the event: nothing happens yet.
        ((TestClock) clock).advance(Duration.ofHours(2).plusDays(29));
        purge.purgeEnded();
        assertThat(register.isErased(eventOnly.subject())).isFalse();
        assertThat(register.read(eventOnly.subject(), "events").records()).isNotEmpty();
        assertThat(service.get(event.id()).purged()).isFalse();

        // 31 days after: erased unless a consent (or the newsletter request) keeps something.
        ((TestClock) clock).advance(Duration.ofDays(2));
        assertThat(purge.purgeEnded()).isGreaterThanOrEqualTo(3);

        assertThat(register.isErased(eventOnly.subject())).isTrue();

        assertThat(register.isErased(withCrm.subject())).isFalse();
        assertThat(register.read(withCrm.subject(), "events").records()).isEmpty();
        assertThat(register.read(withCrm.subject(), "prospect-dialogue").records()).isNotEmpty();
        assertThat(ledger.current(withCrm.subject(), "prospect-dialogue").orElseThrow()
                .activeAt(clock.instant())).isTrue();

        assertThat(register.isErased(withNewsletter.subject())).isFalse();
        assertThat(register.summary(withNewsletter.subject()).kinds())
                .containsExactly(SubjectKind.NEWSLETTER_RECIPIENT);
        assertThat(register.read(withNewsletter.subject(), "events").records()).isEmpty();
        assertThat(register.read(withNewsletter.subject(), "newsletter").value("email")).isPresent();
        assertThat(service.get(event.id()).purged()).isTrue();

        // Idempotent: a second run (another node, a retry) finds nothing left to do for this event.
        purge.purgeEnded();
        assertThat(register.read(withCrm.subject(), "prospect-dialogue").records()).isNotEmpty();
    }
}
