package no.vern.vendors;

/**
 * The outcome of a transfer impact assessment (Schrems II, C-311/18; EDPB Recommendations 01/2020): whether the
 * law and practice of the destination let the mechanism work.
 */
public enum TiaOutcome {
    /** Not assessed yet. */
    NOT_ASSESSED,
    /** Not needed: an adequacy decision covers the transfer. */
    NOT_NEEDED,
    /** The mechanism works as it is. */
    EFFECTIVE,
    /** The mechanism works with the supplementary measures recorded. */
    EFFECTIVE_WITH_MEASURES,
    /** The mechanism does not work even with measures: the transfer must stop (or be accepted on the record). */
    NOT_EFFECTIVE
}
