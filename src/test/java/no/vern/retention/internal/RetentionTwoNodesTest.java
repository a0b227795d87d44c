package no.vern.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import no.vern.VernApplication;
import no.vern.retention.Purges;
import no.vern.retention.RetentionTestSupport;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.SubjectId;
import no.vern.support.VernTest;

/**
 * Two Vern nodes on one database run the purge at the same moment: each subject's data is purged once.
 * db-scheduler already gives the daily task to one node only; beneath it, at most one real run is active
 * (a unique index) and items are claimed with {@code FOR UPDATE SKIP LOCKED}, so even two explicit runs
 * cannot delete an item twice.
 */
@VernTest
class RetentionTwoNodesTest extends RetentionTestSupport {

    @Autowired
    DatabaseEndpoint database;
    @Value("${vern.data-dir}")
    String dataDir;

    @Test
    void twoNodesPurgingAtOnceDeleteEachSubjectsDataOnce() throws Exception {
        approveADryRun();
        clock.reset(); // node B runs on the real clock: make the data due in real time
        String org = orgNumber();
        List<SubjectId> contacts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            contacts.add(customer(org, null));
        }
        clockEvents.agreementEnded(org, startOf(LocalDate.now(clock).minusMonths(4)));

        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(VernApplication.class).run(
                "--vern.db.url=" + database.url(), "--vern.db.user=" + database.user(),
                "--vern.db.password=" + database.password(), "--server.port=0", "--vern.keys.generate-missing=true",
                "--vern.keys.directory=" + dataDir + "/keys", "--vern.demo.mode=false",
                "--vern.retention.batch-size=2")) {
            Purges purgesB = nodeB.getBean(Purges.class);
            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
                await(start);
                purges.purge();
            });
            CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
                await(start);
                purgesB.purge();
            });
            CompletableFuture.allOf(a, b).get(5, TimeUnit.MINUTES);
        }

        assertThat(contacts).allMatch(register::isErased);
        for (SubjectId contact : contacts) {
            // A node that planned before the other finished may meet an item already purged: it is a no-op
            // (nothing erased), so each record is erased exactly once across both nodes.
            long erasedItems = jdbc.sql("""
                    SELECT count(*) FROM retention_run_item i JOIN retention_run r ON r.id = i.run_id
                    WHERE NOT r.dry_run AND i.status = 'DONE' AND i.erased > 0 AND i.subject_id = :s
                    """).param("s", contact.value()).query(Long.class).single();
            long erasedRecords = jdbc.sql("""
                    SELECT coalesce(sum(i.erased), 0) FROM retention_run_item i JOIN retention_run r ON r.id = i.run_id
                    WHERE NOT r.dry_run AND i.subject_id = :s
                    """).param("s", contact.value()).query(Long.class).single();
            assertThat(erasedItems).as("items that erased something").isEqualTo(3); // name, email, phone
            assertThat(erasedRecords).as("records erased").isEqualTo(3);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
