package no.vern.retention;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The person's side of a notice before deletion (issue 10, item 5): the signed link in the mail opens the
 * notice, and answering "stay" gives (or renews) the talent-pool consent through the consent ledger.
 */
public interface RetentionNotices {

    /**
     * A notice as the person sees it (no personal data).
     *
     * @param deletionDate when the data will be deleted unless the person answers
     * @param answered whether the person already chose to stay
     */
    record NoticeView(LocalDate deletionDate, boolean answered) {
    }

    /** The notice behind a signed link token; empty for a bad or unknown token. */
    Optional<NoticeView> open(String token);

    /** Gives or renews the talent-pool consent for the notice's subject; false for a bad token. Idempotent. */
    boolean stay(String token, java.util.Locale language);
}
