package no.vern.connectors.internal;

import no.vern.shared.AddressGuard;
import no.vern.shared.WebhookClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.requests.Operation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a webhook system: a signed JSON request ({@link Signatures}) with the identifiers, the operation
 * and a callback URL. The system answers {@code 200} with a signed result at once, or {@code 202} and calls
 * back later (signed) at {@code /connectors/callback/{step}}. The result format, both ways:
 * {@code {"status": "DONE"|"FAILED", "rows": 3, "data": {"<category>": ["value", …]}, "detail": "…"}}.
 */
final class WebhookSystem {

    /** The outcome of one call: found now, or accepted for a later callback. */
    record Reply(@Nullable Found found, boolean accepted) {
    }

    /** The system answered but refused or sent an invalid result. */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    private final WebhookClient client;
    private final Secrets secrets;
    private final JsonMapper json;
    private final Clock clock;
    private final AddressGuard.Allowances allowances;

    WebhookSystem(WebhookClient client, Secrets secrets, JsonMapper json, Clock clock, AddressGuard.Allowances allowances) {
        this.client = client;
        this.allowances = allowances;
        this.secrets = secrets;
        this.json = json;
        this.clock = clock;
    }

    Reply call(ConnectorConfig.Webhook spec, UUID stepId, UUID caseId, Operation operation, Identifiers who, String callbackUrl)
            throws WebhookClient.CallFailed, Rejected {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", stepId.toString());
        request.put("caseId", caseId.toString());
        request.put("operation", operation.name());
        request.put("emails", who.emails().stream().sorted().toList());
        request.put("phones", who.phones().stream().sorted().toList());
        request.put("callbackUrl", callbackUrl);
        return send(spec, json.writeValueAsBytes(request));
    }

    /** A connection test: a signed {@code PING} that the system answers with 200 or 202. */
    StepDetail ping(ConnectorConfig.Webhook spec) throws WebhookClient.CallFailed, Rejected {
        send(spec, json.writeValueAsBytes(Map.of("operation", "PING")));
        return StepDetail.fixed("endpoint answered a signed ping");
    }

    /** Checks the URL's host against the SSRF rules without connecting. */
    void checkTarget(ConnectorConfig.Webhook spec) throws WebhookClient.CallFailed {
        client.checkTarget(spec.url(), allowances);
    }

    private Reply send(ConnectorConfig.Webhook spec, byte[] body) throws WebhookClient.CallFailed, Rejected {
        byte[] secret = secret(spec);
        long now = clock.instant().getEpochSecond();
        WebhookClient.Response response = client.post(spec.url(), allowances, Map.of(
                Signatures.TIMESTAMP_HEADER, String.valueOf(now),
                Signatures.SIGNATURE_HEADER, Signatures.sign(secret, now, body)), body);
        if (response.status() == 202) {
            return new Reply(null, true);
        }
        if (response.status() != 200) {
            throw new Rejected("HTTP " + response.status());
        }
        String refusal = Signatures.refusal(secret, response.header(Signatures.TIMESTAMP_HEADER),
                response.header(Signatures.SIGNATURE_HEADER), response.body(), clock.instant());
        if (refusal != null) {
            throw new Rejected("response refused: " + refusal);
        }
        return new Reply(result(response.body()), false);
    }

    byte[] secret(ConnectorConfig.Webhook spec) {
        return secrets.get(spec.secret(), "secret").getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a signed result (response or callback); {@link Rejected} if it is malformed or reports failure. */
    Found result(byte[] body) throws Rejected {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            throw new Rejected("result is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Rejected("result is not a JSON object");
        }
        String status = root.path("status").asString("");
        if ("FAILED".equals(status)) {
            throw new Rejected("system reported failure");
        }
        if (!"DONE".equals(status)) {
            throw new Rejected("result status must be DONE or FAILED");
        }
        Map<String, List<String>> values = new TreeMap<>();
        JsonNode data = root.path("data");
        if (data.isObject()) {
            for (var entry : data.properties()) {
                if (!ConnectorConfig.CATEGORY.matcher(entry.getKey()).matches() || !entry.getValue().isArray()) {
                    throw new Rejected("data must map category keys to lists of values");
                }
                List<String> list = new ArrayList<>();
                entry.getValue().forEach(v -> list.add(v.isString() ? v.asString() : v.toString()));
                values.put(entry.getKey(), list);
            }
        }
        int rows = root.path("rows").asInt(values.values().stream().mapToInt(List::size).sum() > 0 ? 1 : 0);
        return new Found(values, rows, StepDetail.recordsReported(rows));
    }

    static URI callbackUri(String baseUrl, UUID stepId) {
        return URI.create(baseUrl.replaceAll("/+$", "") + "/connectors/callback/" + stepId);
    }
}
