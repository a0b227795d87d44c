package no.vern.retention.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import no.vern.retention.HoldScope;
import no.vern.retention.LegalHolds;
import no.vern.retention.NewHold;
import no.vern.retention.PurgeRun;
import no.vern.retention.RetentionClock;
import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;
import no.vern.shared.VernClock;

/**
 * In demo mode, on a retention module without runs: the invented organisation Granskog Energi AS ended its
 * agreement four months ago (its contacts are past the 3-month rule), Nordavind Logistikk AS ended its
 * agreement too but is under a legal hold (an invented invoice dispute), and a dry run is ready for the
 * privacy officer to review and approve. No subjects are added.
 */
@Component
class RetentionDemoData implements DemoData {

    private static final Logger log = LoggerFactory.getLogger(RetentionDemoData.class);
    static final String ENDED_ORG = "812345680"; // Granskog Energi AS (invented)
    static final String HELD_ORG = "934567811"; // Nordavind Logistikk AS (invented)

    private final DemoMode demo;
    private final Runs runs;
    private final RetentionClock clockEvents;
    private final LegalHolds holds;
    private final PurgeService purges;
    private final Clock clock;

    RetentionDemoData(DemoMode demo, Runs runs, RetentionClock clockEvents, LegalHolds holds, PurgeService purges,
            Clock clock) {
        this.demo = demo;
        this.runs = runs;
        this.clockEvents = clockEvents;
        this.holds = holds;
        this.purges = purges;
        this.clock = clock;
    }

    @Override
    public int order() {
        return DemoData.USES;
    }

    @Override
    public void load() {
        if (!demo.enabled() || !runs.latest(1).isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.now(clock.withZone(VernClock.ZONE));
        boolean ended = quietly(() -> clockEvents.agreementEnded(ENDED_ORG,
                today.minusMonths(4).atStartOfDay(VernClock.ZONE).toInstant()));
        boolean held = quietly(() -> clockEvents.agreementEnded(HELD_ORG,
                today.minusMonths(5).atStartOfDay(VernClock.ZONE).toInstant()))
                && quietly(() -> holds.place(new NewHold(HoldScope.ORGANISATION, HELD_ORG,
                        "Tvist om faktura 2026-114 (sak PVO-2026-31): behold kontaktdata til saken er avsluttet",
                        "personvern", today.plusMonths(3))));
        try {
            PurgeRun dry = purges.dryRun();
            log.info("Retention demo data: agreement ended {}, hold {}, dry run {} ({} due, {} held)", ended, held,
                    dry.id(), dry.due(), dry.held());
        } catch (RuntimeException e) {
            log.warn("Retention demo dry run failed ({})", e.getClass().getSimpleName());
        }
    }

    private static boolean quietly(Supplier<?> step) {
        try {
            Object unused = step.get();
            return true;
        } catch (RuntimeException e) {
            // The register's demo data may be missing (e.g. a non-empty register): skip this step.
            return false;
        }
    }
}
