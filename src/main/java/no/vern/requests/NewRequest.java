package no.vern.requests;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A request as received: what is asked, how, from which email address, when it arrived (the deadline
 * runs from then, Art. 12(3)) and in which language the person is answered. {@code toString()} never
 * shows the email address or the text.
 *
 * @param kind what is asked
 * @param channel how it arrived
 * @param email the requester's email address as given
 * @param receivedAt when it was received (staff registering a mailbox message give its original time), or null for now
 * @param locale the person's language (nb or en)
 * @param details the person's own words (the question, the proposed correction), or null
 */
public record NewRequest(RequestKind kind, RequestChannel channel, String email, @Nullable Instant receivedAt,
        Locale locale, @Nullable String details) {

    @Override
    public String toString() {
        return "NewRequest[" + kind + ", " + channel + ", " + receivedAt + "]";
    }
}
