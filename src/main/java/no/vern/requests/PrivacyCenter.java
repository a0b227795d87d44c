package no.vern.requests;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the public privacy center may do: receive a request from the web form, verify the person with a
 * one-time code sent only to an address already on file (GDPR Art. 12(6), EDPB Guidelines 01/2022), show
 * where a case stands and hand out the access export to a verified person. Every answer is the same
 * whether or not the address is on file, so the center cannot be used to find out who is in the register.
 */
public interface PrivacyCenter {

    /**
     * Receives a request from the web form; a code is sent only if the address is on file, otherwise the
     * case waits for a handler. Returns the case id either way. {@link no.vern.shared.TooManyRequests} when the IP is over its limit.
     */
    RequestId submit(RequestKind kind, String email, Locale locale, @Nullable String details, String clientIp);

    /** Sends a fresh code if the address is on file and the limits allow; says nothing about which. */
    void resend(RequestId id, String clientIp);

    /**
     * Waits, outside any transaction, until the answer floor ({@code vern.requests.answer-floor}) has passed since
     * {@code startedNanos} ({@link System#nanoTime()} when the post arrived): a form post and a resend answer no
     * sooner, whether or not the address is on file (no timing oracle, EDPB Guidelines 01/2022).
     */
    void awaitAnswerFloor(long startedNanos);

    /** Checks a code: true once, for the right unexpired code; compared in constant time, attempts limited. */
    boolean verify(RequestId id, String code, String clientIp);

    /** The case (no personal data) for the status page; NotFound otherwise. */
    RequestCase status(RequestId id);

    /** Whether the access export of the case is ready and its download window open. */
    boolean downloadable(RequestId id);

    /** The access export in a format, if it is ready and its download window is open. */
    Optional<Download> download(RequestId id, ExportFormat format);

    /** The formats of the access export. */
    enum ExportFormat {
        JSON, CSV, HTML, PDF
    }

    /**
     * A file to download; the content is personal data.
     *
     * @param filename the file name
     * @param mediaType the media type
     * @param content the bytes
     */
    record Download(String filename, String mediaType, byte[] content) {
        @Override
        public String toString() {
            return "Download[" + filename + ", " + content.length + " bytes]";
        }
    }
}
