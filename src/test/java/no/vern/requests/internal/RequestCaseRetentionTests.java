package no.vern.requests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.crypto.CryptoShredder;
import no.vern.requests.CaseEvent;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.requests.RequestsTestSupport;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * Storage limitation of the request cases themselves (GDPR Art. 5(1)(e), and Art. 30: the handling of requests
 * is an activity of the record of processing): three years after a case is closed its personal data goes,
 * and the case's kind, dates, outcome and history stay as proof of the answer (Art. 5(2)).
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class RequestCaseRetentionTests extends RequestsTestSupport {

    @Autowired
    Requests requests;
    @Autowired
    SubjectRegister register;
    @Autowired
    CryptoShredder shredder;
    @Autowired
    ProcessingRecord record;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CasePurge purge;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void art5_1e_aClosedCaseLosesItsPersonalDataThreeYearsAfterClosingAndKeepsItsProof() {
        String stranger = uniqueEmail("fremmed");
        RequestId notOnFile = requests.receive(new NewRequest(RequestKind.QUESTION, RequestChannel.EMAIL, stranger, null,
                Locale.forLanguageTag("nb"), "Jeg heter " + Canaries.NAME)).request().id();
        String customerEmail = uniqueEmail("kunde");
        SubjectId customer = register.register(contactOnFile(Canaries.NAME, customerEmail));
        RequestId onFile = requests.receive(new NewRequest(RequestKind.QUESTION, RequestChannel.EMAIL, customerEmail,
                null, Locale.forLanguageTag("nb"), "Hva har dere om meg?")).request().id();
        requests.addNote(onFile, "Ringte kunden");
        RequestId stillOpen = requests.receive(new NewRequest(RequestKind.QUESTION, RequestChannel.EMAIL,
                uniqueEmail("aapen"), null, Locale.forLanguageTag("nb"), null)).request().id();
        requests.complete(notOnFile, "Svar");
        requests.complete(onFile, "Svar");
        SubjectId strangerKey = requests.get(notOnFile).subject();
        Instant closed = clock.instant();

        clock.advance(Duration.between(closed, ZonedDateTime.ofInstant(closed, VernClock.ZONE).plusYears(3).minusDays(1).toInstant()));
        purge.purgeDue();
        assertThat(requests.contact(onFile).email()).isEqualTo(customerEmail);
        assertThat(shredder.isShredded(strangerKey)).isFalse();

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(purge.purgeDue()).as("cases purged (ours and any other test's closed case)").isGreaterThanOrEqualTo(2);

        // Not in the register: the case's own key is shredded. In the register: the case's copies go, the person stays.
        assertThat(shredder.isShredded(strangerKey)).isTrue();
        assertThat(requests.contact(notOnFile).email()).isEqualTo("[erased]");
        assertThat(requests.contact(onFile).email()).isEqualTo("[erased]");
        assertThat(requests.contact(onFile).details()).isEmpty();
        assertThat(requests.notes(onFile)).isEmpty();
        assertThat(register.isErased(customer)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM requests_case WHERE id IN (:a, :b) AND email_ct IS NULL AND email_index IS NULL"
                + " AND details_ct IS NULL AND purged_at IS NOT NULL").param("a", notOnFile.value()).param("b", onFile.value())
                .query(Long.class).single()).isEqualTo(2);
        // The proof stays: kind, outcome, history.
        assertThat(requests.get(onFile).status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(requests.history(onFile)).extracting(CaseEvent::action).contains("received", "completed",
                "personal-data-deleted");
        // An open case is never purged, however old; a second run finds nothing.
        assertThat(requests.contact(stillOpen).email()).endsWith("@kanarifugl.example");
        assertThat(purge.purgeDue()).isZero();
    }

    @Test
    void art30_theRecordOfProcessingHasTheActivityOfHandlingRequests() {
        var activity = record.current().document().activities().stream()
                .filter(a -> a.purposes().stream().anyMatch(p -> p.key().equals("data-subject-requests"))).findFirst();
        assertThat(activity).isPresent();
        assertThat(activity.get().purposes().get(0).legalBasis().name()).isEqualTo("LEGAL_OBLIGATION");
        assertThat(activity.get().subjects()).contains(SubjectKind.CUSTOMER_CONTACT, SubjectKind.CANDIDATE);
        assertThat(activity.get().purposes().get(0).retention().period()).hasToString("P3Y");
        assertThat(Set.copyOf(activity.get().dataCategories())).contains("email");
    }
}
