package no.vern.crypto.internal;

import org.springframework.beans.factory.SmartInitializingSingleton;

import no.vern.crypto.CryptoShredder;

/**
 * Replays the shred ledger once every bean exists (Flyway has migrated) and before the web server
 * starts, so a key store restored from an old backup never serves an erased subject.
 */
final class ShredReplayAtStartup implements SmartInitializingSingleton {

    private final CryptoShredder shredder;
    private volatile int destroyed;

    ShredReplayAtStartup(CryptoShredder shredder) {
        this.shredder = shredder;
    }

    @Override
    public void afterSingletonsInstantiated() {
        destroyed = shredder.replayLedger();
    }

    /** How many keys the startup replay destroyed. */
    int destroyed() {
        return destroyed;
    }
}
