package no.vern.retention;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;

import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.RecordView;
import no.vern.register.Source;
import no.vern.register.SubjectGone;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.TestMail;

/**
 * Shared set-up of the retention tests: one application context of their own (its own database, so that
 * walking the clock through years and purging does not touch other modules' test data), a GreenMail SMTP
 * server, small purge batches, and helpers that enter customers and candidates and move the clock to dates.
 * The one test context with db-scheduler running (the others have it off: their tests run jobs by calling them).
 */
public abstract class RetentionTestSupport {

    /** The SMTP server the retention test context sends notices to. */
    protected static final GreenMail MAIL = TestMail.server();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("vern.retention.batch-size", () -> "3");
        registry.add("db-scheduler.enabled", () -> "true");
    }

    @Autowired
    protected SubjectRegister register;
    @Autowired
    protected ConsentLedger consents;
    @Autowired
    protected RetentionClock clockEvents;
    @Autowired
    protected LegalHolds holds;
    @Autowired
    protected Purges purges;
    @Autowired
    protected RetentionPolicies policies;
    @Autowired
    protected TestClock clock;
    @Autowired
    protected JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Moves the clock to noon of a date in Europe/Oslo. */
    protected void today(LocalDate date) {
        Instant target = date.atTime(LocalTime.NOON).atZone(VernClock.ZONE).toInstant();
        clock.advance(Duration.between(clock.instant(), target));
    }

    /** The start of a date in Europe/Oslo. */
    protected static Instant startOf(LocalDate date) {
        return date.atStartOfDay(VernClock.ZONE).toInstant();
    }

    /** A fresh, valid (mod 11), invented organisation number. */
    protected static String orgNumber() {
        int[] weights = { 3, 2, 7, 6, 5, 4, 3, 2 };
        while (true) {
            String base = "9" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (base.charAt(i) - '0') * weights[i];
            }
            int check = 11 - sum % 11;
            if (check == 11) {
                check = 0;
            }
            if (check != 10) {
                return base + check;
            }
        }
    }

    /** A customer contact of the organisation with contact data and, if given, purchase history. */
    protected SubjectId customer(String orgNumber, String purchaseHistory) {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.CUSTOMER, new OrganisationInput("Testkunde " + orgNumber + " AS", orgNumber, null),
                new PersonalData(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE, null, purchaseHistory, null, null, null)));
    }

    /** A candidate who consented to the recruitment (in the given language) before being entered (S4). */
    protected SubjectId candidate(Locale language) {
        SubjectId id = consents.give(GiveConsent.of(null, "recruitment", Channel.WEB_FORM, language)).subject();
        return register.register(new NewSubject(id, Set.of(SubjectKind.CANDIDATE), "recruitment", Source.SUBJECT, null,
                PersonalData.contact(Canaries.NAME, Canaries.EMAIL, null)));
    }

    /** The categories held about a subject for a purpose; empty once it is erased. */
    protected List<String> categories(SubjectId subject, String purpose) {
        try {
            return register.read(subject, purpose).records().stream().map(RecordView::category).toList();
        } catch (SubjectGone e) {
            return List.of();
        }
    }

    /** Reviews and approves a dry run, so that real runs may delete. */
    protected void approveADryRun() {
        purges.approve(purges.dryRun().id());
    }
}
