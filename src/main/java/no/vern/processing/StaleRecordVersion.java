package no.vern.processing;

import no.vern.shared.Conflict;

/** An edit was based on a version that is no longer current; the editor must reload and retry. */
public final class StaleRecordVersion extends Conflict {

    public StaleRecordVersion(int basedOn, int current) {
        super("stale-version", "Stale version", "The edit is based on version " + basedOn
                + " of the record, but the current version is " + current + ". Reload and apply the change again.");
    }
}
