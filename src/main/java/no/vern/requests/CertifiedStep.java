package no.vern.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import no.vern.shared.Labels;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One connected system's step as an erasure certificate states it (issue 23 item 1), read back from the signed
 * JSON for the person's mail, the public verification page and the case page. Certificates issued since issue 23
 * carry the detail's message code and arguments beside the English {@code detail}, so the detail is said in the
 * reader's language; older certificates carry the English alone, which is shown as it was signed.
 *
 * @param system the system's name
 * @param operation the operation ({@code ERASE}, {@code VERIFY_ERASED})
 * @param state how the step settled ({@code DONE}, {@code WAIVED})
 * @param detail the English detail as signed ("" when none)
 * @param detailCode the detail's message code ({@code connectors.detail.*}), null in older certificates
 * @param detailArgs its arguments
 */
public record CertifiedStep(String system, String operation, String state, String detail, @Nullable String detailCode,
        List<String> detailArgs) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public CertifiedStep {
        detailArgs = List.copyOf(detailArgs);
    }

    /** The steps a certificate's signed body lists ({@code verification.systems}); none when it lists none. */
    public static List<CertifiedStep> of(String body) {
        List<CertifiedStep> steps = new ArrayList<>();
        JsonNode systems;
        try {
            systems = JSON.readTree(body).path("verification").path("systems");
        } catch (RuntimeException notJson) {
            return List.of();
        }
        for (JsonNode s : systems) {
            List<String> args = new ArrayList<>();
            s.path("detailArgs").forEach(a -> args.add(a.asString()));
            JsonNode code = s.get("detailCode");
            steps.add(new CertifiedStep(s.path("system").asString(""), s.path("operation").asString(""),
                    s.path("state").asString(""), s.path("detail").asString(""),
                    code == null || !code.isString() ? null : code.asString(), args));
        }
        return List.copyOf(steps);
    }

    /** Whether the detail can be said in the reader's language (false: an older certificate's English text). */
    public boolean coded() {
        return detailCode != null;
    }

    /** The detail in a language: from its code and arguments, else the English as signed. */
    public String detailIn(Labels labels, Locale language) {
        String code = detailCode;
        return code == null ? detail : labels.coded(code, detailArgs, detail, language);
    }
}
