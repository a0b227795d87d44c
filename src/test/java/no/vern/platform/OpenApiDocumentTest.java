package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 25, item 5: the live OpenAPI document is one that client generators can use, and it is the document the
 * build generates the Java and TypeScript clients from ({@code src/test/resources/openapi/vern-api.json}). When the
 * API changes, this test fails until the committed copy is refreshed with
 * {@code ./mvnw -q test -Dtest=OpenApiDocumentTest -Dvern.docs.write=true} (then the generated clients follow).
 * Shares the plain random-port context of {@link WebSecurityHeadersTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    static final Path COMMITTED = Path.of("src/test/resources/openapi/vern-api.json");
    private static final String REFRESH = "./mvnw -q test -Dtest=OpenApiDocumentTest -Dvern.docs.write=true";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    @LocalServerPort
    int port;

    private JsonNode document;
    private String canonical;

    @BeforeEach
    void readLiveDocument() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        canonical = canonical(response.body());
        document = JSON.readTree(canonical);
    }

    /** The document in a stable text form: keys sorted, two-space indentation, one newline at the end. */
    static String canonical(String json) {
        Object tree = JSON.readValue(json, Object.class);
        return JSON.writeValueAsString(tree).replace("\r\n", "\n") + "\n";
    }

    @Test
    void liveDocumentIsTheCommittedCopyTheClientsAreGeneratedFrom() throws Exception {
        if (Boolean.getBoolean("vern.docs.write")) {
            Files.createDirectories(COMMITTED.getParent());
            Files.writeString(COMMITTED, canonical, StandardCharsets.UTF_8);
        }
        assertThat(COMMITTED).as("the committed OpenAPI document; refresh it with " + REFRESH).exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("the API changed; refresh the committed OpenAPI document with " + REFRESH).isEqualTo(canonical);
    }

    @Test
    void everyOperationHasItsOwnOperationIdNamedAfterWhatItDoes() {
        List<String> ids = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        operations().forEach((where, operation) -> {
            String id = operation.path("operationId").asString("");
            if (id.isEmpty()) {
                missing.put(where, "no operationId");
            }
            ids.add(id);
        });

        assertThat(ids).hasSizeGreaterThan(100);
        assertThat(missing).isEmpty();
        assertThat(ids).doesNotHaveDuplicates()
                // springdoc's fallback for a clash (list_1) or a bare Java method name would be generated as is.
                .allSatisfy(id -> assertThat(id).matches("[a-z]+[A-Z][A-Za-z]+"));
    }

    @Test
    void enumsAreNamedComponentSchemasNotInlineTypes() {
        List<String> inline = new ArrayList<>();
        document.path("components").path("schemas").properties().forEach(schema -> {
            findInlineEnums(schema.getValue(), "#/components/schemas/" + schema.getKey(), true, inline);
        });
        operations().forEach((where, operation) -> findInlineEnums(operation, where, false, inline));

        assertThat(inline).as("inline enums (generated clients make a type per use)").isEmpty();
        assertThat(document.path("components").path("schemas").path("SubjectKind").path("enum").isArray()).isTrue();
        assertThat(document.path("components").path("schemas").path("Role").path("enum").isArray()).isTrue();
    }

    @Test
    void everyOperationAnswersItsProblemsAsRfc9457ProblemDetails() {
        Map<String, String> wrong = new LinkedHashMap<>();
        operations().forEach((where, operation) -> {
            JsonNode responses = operation.path("responses");
            for (String status : List.of("401", "429", "503")) {
                if (responses.path(status).isMissingNode()) {
                    wrong.put(where + " " + status, "missing");
                }
            }
            boolean pathVariable = false;
            for (JsonNode p : operation.path("parameters")) {
                pathVariable |= p.path("in").asString("").equals("path");
            }
            if (pathVariable && responses.path("404").isMissingNode()) {
                wrong.put(where + " 404", "missing for an operation on one resource");
            }
            responses.properties().forEach(r -> {
                if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                    String ref = r.getValue().path("content").path("application/problem+json").path("schema").path("$ref")
                            .asString("");
                    if (!ref.equals("#/components/schemas/Problem")) {
                        wrong.put(where + " " + r.getKey(), "not an application/problem+json Problem");
                    }
                }
            });
        });

        assertThat(wrong).isEmpty();
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
    }

    @Test
    void onlyOperationsThatCheckAScopeDocumentForbidden() {
        JsonNode me = document.path("paths").path("/api/v1/me").path("get").path("responses");
        JsonNode erase = document.path("paths").path("/api/v1/subjects/{id}").path("delete").path("responses");

        assertThat(me.path("403").isMissingNode()).as("any valid token may ask who it is").isTrue();
        assertThat(erase.path("403").isMissingNode()).as("erasure needs the subjects:erase scope").isFalse();
        assertThat(erase.path("404").isMissingNode()).isFalse();
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }));
        return operations;
    }

    /** Collects every enum below {@code node} that is not itself a top-level component schema. */
    private static void findInlineEnums(JsonNode node, String where, boolean topLevel, List<String> found) {
        if (node.isObject()) {
            if (node.has("enum") && !topLevel) {
                found.add(where);
            }
            node.properties().forEach(e -> findInlineEnums(e.getValue(), where + "/" + e.getKey(), false, found));
        } else if (node.isArray()) {
            int i = 0;
            for (JsonNode item : node) {
                findInlineEnums(item, where + "/" + i++, false, found);
            }
        }
    }
}
