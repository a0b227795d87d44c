package no.vern.breach;

/** How a breach reached the company (S22: anyone can report). */
public enum Channel {
    CONSOLE, PUBLIC_FORM, API, DEMO
}
