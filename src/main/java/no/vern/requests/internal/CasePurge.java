package no.vern.requests.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.crypto.CryptoShredder;
import no.vern.requests.RequestCase;
import no.vern.shared.Actor;
import no.vern.shared.VernClock;

/**
 * Storage limitation of the request cases (GDPR Art. 5(1)(e)): once a case has been closed for
 * {@code vern.requests.keep-closed-cases}, its personal data goes. A requester who was not in the register
 * had a key of their own for the case, which is crypto-shredded; for someone in the register, whose key
 * the register still uses, the case's ciphertexts and notes are deleted. Kind, dates, outcome, history and
 * any erasure certificate remain as proof of the answer. Batches are committed one by one and claimed with
 * SKIP LOCKED, so two nodes or a crash midway never purge a case twice or leave one half done.
 */
@Component
class CasePurge {

    private static final Logger log = LoggerFactory.getLogger(CasePurge.class);
    static final int BATCH = 100;
    private static final Actor JOB = Actor.system("requests-case-purge");

    private final Cases cases;
    private final CryptoShredder shredder;
    private final AuditLog audit;
    private final RequestsProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    CasePurge(Cases cases, CryptoShredder shredder, AuditLog audit, RequestsProperties properties,
            TransactionTemplate transactions, Clock clock) {
        this.cases = cases;
        this.shredder = shredder;
        this.audit = audit;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Purges every due case, batch by batch; returns how many. */
    int purgeDue() {
        Instant now = clock.instant();
        Instant cutoff = now.atZone(VernClock.ZONE).minus(properties.keepClosedCases()).toInstant();
        int total = 0;
        while (true) {
            Integer done = transactions.execute(tx -> purgeBatch(cutoff, now));
            total += done == null ? 0 : done;
            if (done == null || done < BATCH) {
                break;
            }
        }
        if (total > 0) {
            log.info("Deleted the personal data of {} request case(s) closed before {}", total, cutoff);
        }
        return total;
    }

    private int purgeBatch(Instant cutoff, Instant now) {
        List<RequestCase> due = cases.purgeDue(cutoff, BATCH);
        for (RequestCase c : due) {
            if (!c.inRegister()) {
                shredder.shred(c.subject()); // the case's own key: nothing else is encrypted under it
            }
            cases.purge(c.id(), now);
            cases.event(c.id(), now, JOB.reference(), "personal-data-deleted",
                    "retention period after closing: " + properties.keepClosedCases(),
                    List.of(String.valueOf(properties.keepClosedCases())));
            audit.record(AuditEvent.by(JOB, "requests.case.purge", Outcome.SUCCESS)
                    .withPurpose(RequestService.PURPOSE).withTargets(c.id().reference(), c.subject().reference()));
        }
        return due.size();
    }
}
