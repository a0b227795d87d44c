package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Issue 23 item 3: a field error says why in the page's language only if its message code has a text in both
 * bundles. This reads the source, not a running application, so a code typed wrong fails the build even when no
 * test reaches the branch that refuses the input.
 */
class MessageCodesTest {

    /**
     * A message code as the source writes it: a module's {@code <module>.error.<what>}, a generic
     * {@code error.field.<what>}, or a stored outcome's {@code <module>.detail.<what>}.
     */
    static final Pattern CODE = Pattern.compile("\"((?:[a-z]+\\.(?:error|detail)\\.[A-Za-z.]+)|(?:error\\.field\\.[A-Za-z]+))\"");

    /**
     * Every module (issue 23 item 3): each field error carries a code. The two-argument constructors are gone, so the
     * compiler refuses an uncoded error; this list keeps the source checks (slugs, codes in disguise) over all of them.
     */
    static final List<String> CODED_MODULES = modules();

    static final Path SOURCES = Path.of("src/main/java/no/vern");
    static final Path BUNDLES = Path.of("src/main/resources/i18n");

    @Test
    void everyMessageCodeInTheSourceHasANorwegianAndAnEnglishText() {
        Map<String, String> nb = bundle("");
        Map<String, String> en = bundle("_en");
        Map<String, Set<String>> codes = codesIn(SOURCES);
        assertThat(codes).as("codes found in the source").hasSizeGreaterThan(20);
        List<String> missing = missing(codes, nb, en);
        assertThat(missing).as("message codes without a text in i18n/*.properties").isEmpty();
    }

    @Test
    void aCodeWithoutATextIsFound() throws IOException {
        Path dir = Files.createTempDirectory("codes");
        try {
            Files.writeString(dir.resolve("Bogus.java"), """
                    class Bogus {
                        void check() {
                            throw new InvalidInput("name", "is required", "error.field.required");
                        }
                        void other() {
                            throw new InvalidInput("name", "is odd", "register.error.noSuchCodeAnywhere");
                        }
                    }
                    """);
            List<String> missing = missing(codesIn(dir), bundle(""), bundle("_en"));
            assertThat(missing).containsExactly("register.error.noSuchCodeAnywhere (nb, en) in Bogus.java");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void textsWithArgumentsQuoteTheirApostrophes() {
        // MessageFormat eats a lone apostrophe and everything up to the next one, "{0}" included.
        Pattern lone = Pattern.compile("(?<!')'(?!')");
        List<String> broken = new ArrayList<>();
        for (String suffix : List.of("", "_en")) {
            bundle(suffix).forEach((key, text) -> {
                if (isCode(key) && text.matches("(?s).*\\{\\d.*") && lone.matcher(text).find()) {
                    broken.add(key + suffix);
                }
            });
        }
        assertThat(broken).as("texts with {0} that hold a single apostrophe").isEmpty();
    }

    @Test
    void everyFieldErrorInTheCodedModulesHasACode() {
        List<String> uncoded = new ArrayList<>();
        for (String module : CODED_MODULES) {
            uncoded.addAll(uncodedErrors(SOURCES.resolve(module)));
        }
        assertThat(uncoded).as("field errors built without a message code").isEmpty();
    }

    /** A problem a page shows says itself through {@code problem.<slug>} (Labels.problem), in both languages. */
    @Test
    void everyProblemSlugInTheCodedModulesHasANorwegianAndAnEnglishText() {
        Pattern slug = Pattern.compile("(?:new Conflict\\(|super\\(|problem\\(HttpStatus\\.[A-Z_]+, |Precondition\\(HttpStatus\\.[A-Z_]+, )"
                + "\"([a-z][a-z-]+)\"");
        Map<String, String> nb = bundle("");
        Map<String, String> en = bundle("_en");
        Set<String> slugs = new TreeSet<>();
        List<String> missing = new ArrayList<>();
        for (String module : CODED_MODULES) {
            for (Path file : javaFiles(SOURCES.resolve(module))) {
                Matcher m = slug.matcher(read(file));
                while (m.find()) {
                    if (m.group(1).startsWith("vern-")) {
                        continue; // a thread or component name passed to super(...), not a problem type
                    }
                    slugs.add(m.group(1));
                    if (!nb.containsKey("problem." + m.group(1)) || !en.containsKey("problem." + m.group(1))) {
                        missing.add(m.group(1) + " in " + file.getFileName());
                    }
                }
            }
        }
        assertThat(slugs).as("slugs found").contains("connector-name-taken", "stale-version", "subject-restricted");
        assertThat(missing).as("problem slugs without problem.<slug> in i18n/labels*.properties").isEmpty();
    }

    @Test
    void aFieldErrorWithoutACodeIsFound() throws IOException {
        Path dir = Files.createTempDirectory("uncoded");
        try {
            Files.writeString(dir.resolve("Plain.java"), """
                    class Plain {
                        void a() { throw new InvalidInput("name", "is (really) required, \\"x\\""); }
                        void b() { errors.add(new FieldError("x", "no")); }
                        void c() { throw new InvalidInput(List.of(new InvalidInput.FieldError("y", m(1, 2)))); }
                        void d() { throw new InvalidInput("name", "is required", "error.field.required"); }
                        void e() { throw new InvalidInput(errors); }
                        void f() { throw new InvalidInput("name", // the person's own "words", not shown
                                "is required" /* why, in English */); }
                        void g() { throw new InvalidInput("name", /* it's coded */ "is required", "error.field.required"); }
                    }
                    """);
            assertThat(uncodedErrors(dir)).containsExactly("Plain.java:2", "Plain.java:3", "Plain.java:4", "Plain.java:7");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static boolean isCode(String key) {
        return key.matches("[a-z]+\\.(?:error|detail)\\.[A-Za-z.]+|error\\.field\\.[A-Za-z]+");
    }

    private static List<String> missing(Map<String, Set<String>> codes, Map<String, String> nb, Map<String, String> en) {
        List<String> missing = new ArrayList<>();
        codes.forEach((code, files) -> {
            List<String> languages = new ArrayList<>();
            if (!nb.containsKey(code)) {
                languages.add("nb");
            }
            if (!en.containsKey(code)) {
                languages.add("en");
            }
            if (!languages.isEmpty()) {
                missing.add(code + " (" + String.join(", ", languages) + ") in " + String.join(", ", files));
            }
        });
        return missing;
    }

    /** Each code literal with the files that use it. */
    private static Map<String, Set<String>> codesIn(Path root) {
        Map<String, Set<String>> codes = new TreeMap<>();
        for (Path file : javaFiles(root)) {
            Matcher m = CODE.matcher(read(file));
            while (m.find()) {
                codes.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(file.getFileName().toString());
            }
        }
        return codes;
    }

    /**
     * Where a field error is made without a code: the two-argument {@code InvalidInput(field, message)} and
     * {@code FieldError(field, message)} constructors, as file:line.
     */
    static List<String> uncodedErrors(Path root) {
        Pattern call = Pattern.compile("new (?:InvalidInput\\.)?(InvalidInput|FieldError)\\(");
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles(root)) {
            String source = read(file);
            Matcher m = call.matcher(source);
            while (m.find()) {
                if (arguments(source, m.end()) == 2) {
                    int line = (int) source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                    found.add(file.getFileName() + ":" + line);
                }
            }
        }
        return found;
    }

    /** How many arguments the call whose parenthesis opened just before {@code from} has (0 for none). */
    private static int arguments(String source, int from) {
        int depth = 0;
        int commas = 0;
        boolean any = false;
        for (int i = from; i < source.length(); i++) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = source.indexOf('\n', i);
            } else if (source.startsWith("/*", i)) {
                i = source.indexOf("*/", i) + 1;
            } else if (c == '"') {
                if (source.startsWith("\"\"\"", i)) {
                    i = source.indexOf("\"\"\"", i + 3) + 2;
                } else {
                    i++;
                    while (source.charAt(i) != '"') {
                        i += source.charAt(i) == '\\' ? 2 : 1;
                    }
                }
                any = true;
            } else if (c == '\'') {
                i += source.charAt(i + 1) == '\\' ? 3 : 2;
                any = true;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                any = true;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0) {
                    return any ? commas + 1 : 0;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                commas++;
            } else if (!Character.isWhitespace(c)) {
                any = true;
            }
        }
        throw new IllegalStateException("unbalanced call at " + from);
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key of the Norwegian ({@code ""}) or English ({@code "_en"}) bundles, merged. */
    /**
     * A key given twice (in one bundle, where the later silently wins, or in two modules' bundles, where the first
     * basename wins) says one of its texts nowhere: every key is defined once per language.
     */
    @Test
    void noMessageKeyIsDefinedTwiceInALanguage() throws IOException {
        for (String suffix : List.of("", "_en")) {
            Map<String, List<String>> where = new TreeMap<>();
            try (Stream<Path> files = Files.list(BUNDLES)) {
                for (Path file : files.filter(p -> p.getFileName().toString().matches("[a-z]+" + suffix + "\\.properties"))
                        .sorted().toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        String trimmed = line.strip();
                        int eq = trimmed.indexOf('=');
                        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!") || eq < 1
                                || line.startsWith(" ") || line.startsWith("\t")) {
                            continue;
                        }
                        where.computeIfAbsent(trimmed.substring(0, eq).strip(), k -> new ArrayList<>())
                                .add(file.getFileName().toString());
                    }
                }
            }
            assertThat(where.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::toString).toList())
                    .as("message keys defined more than once (bundles%s)", suffix).isEmpty();
        }
    }

    private static Map<String, String> bundle(String suffix) {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.list(BUNDLES)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("[a-z]+" + suffix + "\\.properties"))
                    .toList()) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
                properties.stringPropertyNames().forEach(k -> all.put(k, properties.getProperty(k)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    private static List<String> modules() {
        try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(Path.of("src/main/java/no/vern"))) {
            return dirs.filter(java.nio.file.Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
