package no.vern.consent.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import no.vern.register.PersonalData;

/**
 * The plaintext form of pending personal data before encryption: one {@code field:base64} line per
 * category given (an unambiguous encoding with no dependency on a JSON mapper).
 */
final class PendingPayload {

    private PendingPayload() {
    }

    static byte[] encode(PersonalData data) {
        StringBuilder out = new StringBuilder();
        put(out, "name", data.name());
        put(out, "email", data.email());
        put(out, "phone", data.phone());
        put(out, "cv", data.cv());
        put(out, "recruiterNotes", data.recruiterNotes());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static PersonalData decode(byte[] bytes) {
        Map<String, String> fields = new HashMap<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon),
                        new String(Base64.getDecoder().decode(line.substring(colon + 1)), StandardCharsets.UTF_8));
            }
        }
        return new PersonalData(fields.get("name"), fields.get("email"), fields.get("phone"), null, null, null,
                fields.get("cv"), fields.get("recruiterNotes"));
    }

    private static void put(StringBuilder out, String field, @Nullable String value) {
        if (value != null && !value.isBlank()) {
            out.append(field).append(':')
                    .append(Base64.getEncoder().encodeToString(value.strip().getBytes(StandardCharsets.UTF_8)))
                    .append('\n');
        }
    }
}
