package no.vern.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;

/** Helpers of the consent tests: consenting prospects, registering them, waiting for the async erasure. */
final class ConsentTestSupport {

    static final Locale NB = Locale.forLanguageTag("nb");

    private ConsentTestSupport() {
    }

    /** A prospect who consents to the prospect dialogue through the web form (new subject id). */
    static ConsentReceipt prospectConsents(ConsentLedger ledger) {
        return ledger.give(GiveConsent.of(null, "prospect-dialogue", Channel.WEB_FORM, NB));
    }

    /** Registers a prospect with a name and a unique email for the prospect dialogue. */
    static SubjectId registerProspect(SubjectRegister register, SubjectId id, String email) {
        return register.register(new NewSubject(id, Set.of(SubjectKind.PROSPECT), "prospect-dialogue", Source.SUBJECT,
                null, PersonalData.contact("Test Prospektsen", email, null)));
    }

    /** A unique invented address. */
    static String uniqueEmail() {
        return "p" + System.nanoTime() + "@example.no";
    }

    /** Waits up to five seconds for a condition that an asynchronous listener makes true. */
    static void eventually(BooleanSupplier condition) {
        Instant end = Instant.now().plus(Duration.ofSeconds(5));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition not met within 5 s").isBefore(end);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Whether the register still holds records of the subject for the prospect dialogue. */
    static boolean holdsProspectRecords(SubjectRegister register, SubjectId id) {
        return !register.read(id, "prospect-dialogue").records().isEmpty();
    }
}
