package no.vern.breach;

import org.jspecify.annotations.Nullable;
import org.springframework.modulith.NamedInterface;

/**
 * What became of one notice: delivered (with the language used), waiting for a delivery channel,
 * or failed; recorded per person in the register (Art. 34(1)).
 *
 * @param delivery what happened
 * @param language the language of the delivered text, {@code nb} or {@code en}
 */
@NamedInterface("spi")
public record NoticeOutcome(Delivery delivery, @Nullable String language) {

    /** Whether and how the notice went out. */
    public enum Delivery {
        SENT, PENDING_DELIVERY, FAILED
    }

    /** Delivered in the given language. */
    public static NoticeOutcome sent(String language) {
        return new NoticeOutcome(Delivery.SENT, language);
    }

    /** No channel could deliver it yet; it must not be counted as sent. */
    public static NoticeOutcome pending() {
        return new NoticeOutcome(Delivery.PENDING_DELIVERY, null);
    }

    /** Delivery failed (unknown person, no address, mail server refused). */
    public static NoticeOutcome failed() {
        return new NoticeOutcome(Delivery.FAILED, null);
    }
}
