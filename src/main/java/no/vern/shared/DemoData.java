package no.vern.shared;

import java.time.Duration;

/**
 * A module's invented data for demo mode ({@link DemoMode}). The kernel loads every module's demo data in
 * {@link #order()} on a thread of its own once Vern is ready (issue 28 item 9: a start is not held up by invented
 * data; the console fills within seconds after the start-up banner), never when demo mode is off. Seeds that
 * every installation needs (the record of processing, retention rules, vendors) are not demo data and stay part of
 * the start.
 */
public interface DemoData {

    /** People first: the register's contacts. */
    int PEOPLE = 100;
    /** Then the consents given by invented people. */
    int CONSENTS = 200;
    /** Then what refers to people and consents (lists, events, connectors, retention runs). */
    int USES = 300;
    /** Last, the workflows that read all of it (requests, breaches, trainings, site statistics). */
    int WORKFLOWS = 400;

    /** When this module's data is loaded among the others: one of the constants above. */
    int order();

    /** Loads this module's demo data unless it is there already, so that a restart loads nothing twice. */
    void load();

    /** Whether the demo data has been loaded (or there was none to load), for tests and tools that need it. */
    interface Loading {

        /**
         * Waits at most {@code patience} for the load to finish.
         *
         * @return true when every module's demo data was loaded (or demo mode is off); false on a timeout or when a
         *         module's load failed (the log names the module)
         */
        boolean awaitLoaded(Duration patience);
    }
}
