package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 2: the retention purge (GDPR Art. 5(1)(e); docs/retention.md) is deleting customer
 * contacts whose organisation's agreement ended years ago when Vern is killed with SIGKILL. The purge
 * commits batch by batch and claims items with {@code FOR UPDATE SKIP LOCKED}; after the restart the
 * privacy officer presses "purge now" again and the same run resumes where it stopped. Afterwards every
 * due subject is crypto-shredded exactly once (one shred-ledger row, no records, no blind indexes, no
 * key), the contacts of an organisation whose agreement still runs are untouched, and the run is recorded
 * as complete with every item done.
 */
@ChildProcesses
class RetentionPurgeFaultTest {

    private static final int DUE = 300;
    private static final int NOT_DUE = 30;

    private VernProcess vern;

    @AfterEach
    void stop() throws Exception {
        if (vern != null) {
            vern.close();
        }
    }

    @Test
    void killedMidPurgeTheResumedRunErasesEveryDueSubjectExactlyOnceAndNothingElse() throws Exception {
        vern = VernProcess.onFreshDatabase().with("--vern.retention.batch-size=10");
        vern.start();

        String ended = "998877660"; // invented organisation numbers (valid mod 11)
        String active = "998877652";
        List<String> due = contacts(ended, "Avsluttet", DUE);
        List<String> notDue = contacts(active, "Aktiv", NOT_DUE);
        // Contacts are due three months after their organisation's agreement ended (seeded rule AGREEMENT_PLUS 3 months).
        vern.api("POST", "/api/v1/retention/organisations/" + ended + "/agreement-ended", "{\"endedOn\":\"2020-01-31\"}");

        // The review the privacy officer must do first (vern.retention.require-approved-dry-run), then "purge now".
        String dryRun = vern.api("POST", "/api/v1/retention/dry-run", null).get("runId").asText();
        VernProcess.Console console = vern.console();
        console.post("/console/retention/runs/" + dryRun + "/approve", Map.of());
        CompletableFuture<Void> purging = CompletableFuture.runAsync(() -> {
            try {
                console.post("/console/retention/purge", Map.of());
            } catch (Exception killed) {
                // the kill interrupts it
            }
        });
        VernProcess.await(() -> vern.count("SELECT count(*) FROM retention_run WHERE NOT dry_run") == 1, "the purge to start");
        UUID run = vern.db().sql("SELECT id FROM retention_run WHERE NOT dry_run").query(UUID.class).single();
        long items = vern.count("SELECT count(*) FROM retention_run_item WHERE run_id = ?", run);
        assertThat(items).as("name, email and phone of each due contact").isEqualTo(3L * DUE);
        vern.killWhen(() -> done(run) >= items / 3, "a third of the items to be purged");
        purging.handle((v, e) -> null).join();
        long doneAtKill = done(run);
        assertThat(doneAtKill).as("the kill landed mid-run").isLessThan(items);
        assertThat(status(run)).isEqualTo("RUNNING");

        vern.start();
        String resumed = vern.console().post("/console/retention/purge", Map.of());
        assertThat(VernProcess.lastId(resumed)).as("the interrupted run is resumed, not a new one started").isEqualTo(run);

        assertThat(status(run)).as("the run is recorded as complete").isEqualTo("DONE");
        assertThat(done(run)).as("every item done").isEqualTo(items);
        assertThat(vern.count("SELECT count(*) FROM retention_run WHERE NOT dry_run")).isEqualTo(1);
        vern.awaitNoUnfinishedErasure();
        for (String id : due) {
            vern.assertErased(id);
            assertThat(vern.count("SELECT count(*) FROM audit_entry WHERE action = 'retention.purge.shred' AND ? = ANY(targets)",
                    "subject:" + id)).as("shredded by the purge at most once").isLessThanOrEqualTo(1);
        }
        for (String id : notDue) {
            UUID subject = UUID.fromString(id);
            assertThat(vern.count("SELECT count(*) FROM register_subject WHERE id = ? AND erased_at IS NULL", subject)).isEqualTo(1);
            assertThat(vern.count("SELECT count(*) FROM register_record WHERE subject_id = ?", subject)).isEqualTo(3);
        }
        assertThat(vern.count("SELECT count(*) FROM crypto_shred_ledger")).as("nobody else shredded").isEqualTo(DUE);
        System.out.printf("Retention purge fault test: %d due, %d not due, %d items, %d kills survived, %d items done at the kill%n",
                DUE, NOT_DUE, items, vern.kills(), doneAtKill);
    }

    private List<String> contacts(String orgNumber, String label, int count) throws Exception {
        VernProcess.Call<String> contact = i -> vern.api("POST", "/api/v1/subjects", """
                {"kinds":["CUSTOMER_CONTACT"],"purpose":"customer-administration",
                 "organisation":{"name":"%s Kunde AS","orgNumber":"%s"},
                 "name":"%s Kontaktsen %d","email":"%s.%d@slett.example","phone":"+47 916 %05d"}
                """.formatted(label, orgNumber, label, i, label.toLowerCase(java.util.Locale.ROOT), i,
                (label.length() * 1000 + i) % 100000)).get("id").asText();
        List<String> ids = new ArrayList<>();
        ids.add(contact.call(0)); // the first one registers the organisation, the others find it
        ids.addAll(VernProcess.concurrently(count - 1, i -> contact.call(i + 1)));
        return ids;
    }

    private long done(UUID run) {
        return vern.count("SELECT count(*) FROM retention_run_item WHERE run_id = ? AND status = 'DONE'", run);
    }

    private String status(UUID run) {
        return vern.db().sql("SELECT status FROM retention_run WHERE id = ?").params(run).query(String.class).single();
    }
}
