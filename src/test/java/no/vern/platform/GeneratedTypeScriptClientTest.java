package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 25, item 5: an integrator generates a {@code typescript-fetch} client from Vern's OpenAPI document (the
 * committed one, which {@link OpenApiDocumentTest} keeps equal to the live {@code /v3/api-docs}) with openapi-generator's
 * own CLI, the version of the Maven plugin, and gets no warning and a method for every operation. No Spring context.
 */
@no.vern.support.Isolated // a generator run as a child process on a committed document: beside the suite
class GeneratedTypeScriptClientTest {

    private static final Path DOCUMENT = Path.of("src/test/resources/openapi/vern-api.json");
    private static final Path CLI = Path.of("target/tools/openapi-generator-cli.jar");

    @Test
    void theTypeScriptFetchClientIsGeneratedWithoutWarningsAndHasEveryOperation() throws Exception {
        assertThat(CLI).as("openapi-generator's CLI, copied by maven-dependency-plugin (pom.xml)").exists();
        Path output = Files.createDirectories(Path.of("target/generated-test-sources"))
                .resolve("openapi-typescript");
        deleteRecursively(output);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process generator = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar",
                CLI.toString(), "generate", "-g", "typescript-fetch", "-i", DOCUMENT.toString(), "-o", output.toString(),
                "--additional-properties", "supportsES6=true")
                .redirectErrorStream(true).start();
        String log = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(generator.waitFor(3, TimeUnit.MINUTES)).as("the generator finishes").isTrue();

        assertThat(generator.exitValue()).as("generator exit code; its output:%n%s", log).isZero();
        List<String> complaints = log.lines().filter(l -> l.contains("WARN") || l.contains("ERROR")).toList();
        assertThat(complaints).as("the generator's warnings and errors").isEmpty();

        String apis = readAll(output.resolve("apis"));
        List<String> missing = new ArrayList<>();
        for (String operationId : operationIds()) {
            if (!apis.contains("async " + operationId + "(")) {
                missing.add(operationId);
            }
        }
        assertThat(missing).as("operations without a method in the generated client").isEmpty();
    }

    private static List<String> operationIds() throws IOException {
        JsonNode paths = JsonMapper.builder().build().readTree(Files.readString(DOCUMENT)).get("paths");
        List<String> ids = new ArrayList<>();
        for (JsonNode path : paths) {
            for (JsonNode operation : path) {
                if (operation.has("operationId")) {
                    ids.add(operation.get("operationId").asString());
                }
            }
        }
        assertThat(ids).as("the document's operations").hasSizeGreaterThan(100);
        return ids;
    }

    private static String readAll(Path dir) throws IOException {
        assertThat(dir).isDirectory();
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ts")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }
}
