package no.vern.audit.internal;

/** Lets tests outside this package hold the sealer's advisory lock. */
public final class TestAccess {

    private TestAccess() {
    }

    /** The advisory lock key every sealer takes. */
    public static long sealerLockKey() {
        return Sealer.LOCK_KEY;
    }
}
