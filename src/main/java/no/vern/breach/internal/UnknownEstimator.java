package no.vern.breach.internal;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import no.vern.breach.AffectedDataEstimate;
import no.vern.breach.AffectedDataEstimator;

/** The default while the register cannot count: numbers are unknown, and nobody is proposed. */
final class UnknownEstimator implements AffectedDataEstimator {

    @Override
    public AffectedDataEstimate estimate(List<String> activityIds, @Nullable Instant from, @Nullable Instant to) {
        return AffectedDataEstimate.unknown();
    }
}
