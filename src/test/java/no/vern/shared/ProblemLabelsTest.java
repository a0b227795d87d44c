package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A refused action is said on a page from its problem type (issue 23 item 3): every problem slug these modules raise
 * ({@code new Conflict("slug", …)}, {@code super("slug", …)} of a problem class) has {@code problem.<slug>} in the
 * shared labels in Norwegian and in English, so no page falls back to "not carried out" or to English.
 */
class ProblemLabelsTest {

    static final List<String> MODULES = List.of("vendors", "requests", "breach", "retention", "changes", "assessments",
            "shared", "training", "audit", "informing");
    static final Pattern SLUG = Pattern.compile("(?:new Conflict|super)\\(\\s*\"([a-z][a-z0-9-]*)\"\\s*,");
    /** Problems no page shows: field errors are said per field ({@code problem.validation.fields}). */
    static final Set<String> NOT_SHOWN = Set.of("validation");

    @Test
    void everyProblemSlugOfTheseModulesHasALabelInBothLanguages() throws IOException {
        Set<String> slugs = new TreeSet<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/no/vern", module))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                    Matcher m = SLUG.matcher(read(f));
                    while (m.find()) {
                        slugs.add(m.group(1));
                    }
                });
            }
        }
        slugs.removeAll(NOT_SHOWN);
        assertThat(slugs).contains("vendor-exists", "breach-not-assessed", "stale-rule-version", "request-closed");

        Properties nb = bundle("i18n/labels.properties");
        Properties en = bundle("i18n/labels_en.properties");
        assertThat(slugs).allSatisfy(slug -> {
            assertThat(nb.getProperty("problem." + slug)).as("nb problem.%s", slug).isNotBlank();
            assertThat(en.getProperty("problem." + slug)).as("en problem.%s", slug).isNotBlank();
        });
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ProblemLabelsTest.class.getClassLoader().getResourceAsStream(name)) {
            p.load(new java.io.InputStreamReader(java.util.Objects.requireNonNull(in), StandardCharsets.UTF_8));
        }
        return p;
    }
}
