package no.vern.website.internal;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import no.vern.shared.InvalidInput;
import no.vern.shared.PayloadTooLarge;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the small JSON bodies that visitors' browsers send (as {@code text/plain}, so that no CORS
 * preflight is needed): capped in size, one object, no unknown or duplicate fields.
 */
final class StrictJson {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StrictJson() {
    }

    /** The body, or {@link PayloadTooLarge} if it is larger than {@code max} bytes. */
    static byte[] body(HttpServletRequest request, int max) throws IOException {
        if (request.getContentLengthLong() > max) {
            throw new PayloadTooLarge(max);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(max + 1);
        }
        if (body.length > max) {
            throw new PayloadTooLarge(max);
        }
        return body;
    }

    /** Parses one JSON object; {@link InvalidInput} (400) for anything else, without quoting the input. */
    static <T> T parse(byte[] body, Class<T> type, String fields) {
        if (body.length == 0) {
            throw new InvalidInput("body", "is empty", "website.error.emptyBody");
        }
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new InvalidInput("body", "must be a JSON object", "website.error.jsonObject");
            }
            return value;
        } catch (JacksonException e) {
            throw new InvalidInput("body", "must be a JSON object with the fields " + fields + " only", "website.error.jsonFields", fields);
        }
    }
}
