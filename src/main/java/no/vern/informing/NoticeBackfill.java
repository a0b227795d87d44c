package no.vern.informing;

/**
 * Notices owed to people who were entered in the register from others (a customer, an import) before Vern scheduled
 * Art. 14 notices, and so were never told (issue 26). Nobody is mailed by surprise: the privacy officer sees how many
 * first ({@link #owed()}), then schedules them ({@link #schedule()}); each notice then goes through the same job and
 * rule as any other, from now, with its legal deadline (one month from when the data was obtained, Art. 14(3)(a))
 * already past and shown as overdue until it is sent.
 */
public interface NoticeBackfill {

    /** How many people in the register came from others and have no notice at all (scheduled, sent or exempted). */
    long owed();

    /** Schedules a notice for each of them, audited per notice as the acting officer; returns how many. */
    int schedule();
}
