package no.vern.retention;

/** The unit of a rule's period; months are calendar months clamped to the month's end (docs/developing.md). */
public enum PeriodUnit {
    DAYS, MONTHS, YEARS
}
