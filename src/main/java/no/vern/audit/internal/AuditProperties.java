package no.vern.audit.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the audit chain.
 *
 * @param sealer how the background sealer runs
 * @param overdueAfter how long an entry may stay unsealed before verification reports it
 * @param verifyBatchSize how many chain positions verification reads per query
 * @param groupCommit how read events are appended together ({@link GroupCommitWriter})
 */
@ConfigurationProperties("vern.audit")
record AuditProperties(@DefaultValue Sealer sealer, @DefaultValue("1m") Duration overdueAfter,
        @DefaultValue("5000") int verifyBatchSize, @DefaultValue GroupCommit groupCommit) {

    /**
     * @param enabled whether this node runs the background sealer (sealPending works regardless)
     * @param interval pause between two sealing passes
     * @param batchSize the most entries sealed in one transaction
     */
    record Sealer(@DefaultValue("true") boolean enabled, @DefaultValue("250ms") Duration interval,
            @DefaultValue("5000") int batchSize) {
    }

    /**
     * @param linger how long the writer waits for more entries after the first of a batch arrived
     * @param maxBatch the most entries written in one transaction
     * @param timeout how long a caller waits for its batch to commit before its request fails
     */
    record GroupCommit(@DefaultValue("2ms") Duration linger, @DefaultValue("500") int maxBatch,
            @DefaultValue("10s") Duration timeout) {
    }
}
