package no.vern.requests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.requests.AccessExport;
import no.vern.requests.CaseEvent;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestKind;
import no.vern.requests.Requests;
import no.vern.support.JdbcRoundTrips;
import no.vern.support.VernTest;

/**
 * What one access export (GDPR Art. 15) costs the database, counted from the driver's own protocol trace
 * (issue 28 item 5): the export is built and written as JSON in one transaction, as the privacy center's download
 * does, with the read-only caches (record of processing, vendor register) already warm.
 */
@VernTest
class AccessExportRoundTripsTest {

    @Autowired
    Requests requests;
    @Autowired
    SubjectRegister register;
    @Autowired
    AccessExports exports;
    @Autowired
    PlatformTransactionManager transactions;

    private RequestCase accessCaseOfAPersonOnFile(String who) {
        String email = who + "." + UUID.randomUUID().toString().substring(0, 8) + "@kanarifugl.example";
        register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.SUBJECT, null, PersonalData.contact("Kari Rundtur", email, "+4791234567")));
        RequestCase c = requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.WEB_FORM, email, null,
                Locale.forLanguageTag("nb"), null)).request();
        assertThat(c.inRegister()).isTrue();
        return c;
    }

    /** Counted from the transaction's first statement to its commit (the pool's own check of a connection left out). */
    private JdbcRoundTrips.Count oneExport(RequestCase c) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(s -> exports.json(exports.build(c))); // warms the caches
        AccessExport[] built = new AccessExport[1];
        JdbcRoundTrips.Counting[] counting = new JdbcRoundTrips.Counting[1];
        try {
            tx.executeWithoutResult(s -> {
                counting[0] = JdbcRoundTrips.start();
                built[0] = exports.build(c);
                exports.json(built[0]);
            });
        } finally {
            if (counting[0] != null) {
                counting[0].stop();
            }
        }
        assertThat(built[0].data()).extracting(AccessExport.Datum::value).contains("Kari Rundtur", "+4791234567");
        return counting[0].stop();
    }

    /**
     * Four round trips, one statement each: the case's address, recorded subjects and fan-out question; everything
     * held under the address (lookup, subject rows, restrictions, records); the export's one audit entry, written at
     * the commit; the commit. Seven before (the lookup, the subject row and the records apart, the fan-out asked of the
     * connected systems, three audit entries in the batch).
     */
    @Test
    void anExportOfAPersonHeldOnceIsFourRoundTripsWithItsCommit() {
        JdbcRoundTrips.Count count = oneExport(accessCaseOfAPersonOnFile("rundtur"));
        assertThat(count).isEqualTo(new JdbcRoundTrips.Count(4, 4));
    }

    /**
     * A verified case was fanned out to the connected systems in scope. A fan-out of no step (no system in scope) can
     * never collect anything, which the case's history says: not asked again (eight round trips before). With steps
     * (another test class of the shared context may have approved a connector) the systems' steps are read.
     */
    @Test
    void anExportAsksTheConnectedSystemsOnlyWhenTheCaseWasFannedOutToOne() {
        RequestCase c = accessCaseOfAPersonOnFile("verifisert");
        requests.verify(c.id(), "replied from the address");
        CaseEvent started = requests.history(c.id()).stream().filter(e -> e.action().equals("systems-started"))
                .findFirst().orElseThrow();
        JdbcRoundTrips.Count count = oneExport(requests.get(c.id()));
        if ("0".equals(started.args().get(1))) {
            assertThat(count).isEqualTo(new JdbcRoundTrips.Count(4, 4));
        } else {
            assertThat(count.roundTrips()).isGreaterThan(4);
        }
    }
}
