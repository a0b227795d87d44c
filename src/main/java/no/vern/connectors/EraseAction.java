package no.vern.connectors;

/** What erasure does to a matching row of a JDBC table (configured per table). */
public enum EraseAction {
    /** Delete the whole row. */
    DELETE_ROW,
    /** Set the listed fields to NULL, keep the row (e.g. order lines kept for accounting law). */
    NULL_FIELDS,
    /** Overwrite the listed fields with a fixed mask value. */
    MASK
}
