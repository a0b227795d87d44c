package no.vern.breach;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * SPI for counting the people and records a breach touches in chosen processing activities and a
 * time window, and proposing whom to notify; implemented by the register, which holds the data.
 * Without an implementation the estimate is {@link AffectedDataEstimate#unknown()}.
 */
@NamedInterface("spi")
public interface AffectedDataEstimator {

    /** Counts subjects and records stored under the activities' purposes in the window (bounds optional). */
    AffectedDataEstimate estimate(List<String> activityIds, @Nullable Instant from, @Nullable Instant to);
}
