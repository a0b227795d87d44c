package no.vern.register;

/**
 * The daily release of categories kept under a legal duty (GDPR Art. 17(3)(b), 5(1)(e)): once a kept category's
 * release date has passed, its records are erased; a subject left with nothing is crypto-shredded. Run by the
 * db-scheduler task {@code restriction-release} (once across nodes); tests call it directly.
 */
public interface RestrictionReleases {

    /** Erases every kept category released before today (Oslo); returns how many categories were released. */
    int releaseDue();
}
