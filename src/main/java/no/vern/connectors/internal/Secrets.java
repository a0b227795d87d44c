package no.vern.connectors.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Pattern;

import no.vern.shared.InvalidInput;

/**
 * Resolves secret references from connector configuration; the database only ever holds the reference.
 * {@code env:CRM_DB} reads the environment variables {@code CRM_DB_USER}, {@code CRM_DB_PASSWORD},
 * {@code CRM_DB_SECRET}; {@code file:crm} reads the keys {@code user}, {@code password}, {@code secret} of
 * {@code <secrets dir>/crm.properties} (keep it mode 600). Values are never logged.
 */
final class Secrets {

    static final Pattern ENV_REF = Pattern.compile("env:([A-Z][A-Z0-9_]{0,60})");
    static final Pattern FILE_REF = Pattern.compile("file:([a-z0-9][a-z0-9-]{0,60})");

    private final Path directory;
    private final Function<String, String> environment;

    Secrets(Path directory, Function<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    /** Throws {@link InvalidInput} unless the text is a secret reference (so that inline secrets are refused). */
    static void requireReference(String field, String value) {
        if (!ENV_REF.matcher(value).matches() && !FILE_REF.matcher(value).matches()) {
            throw new InvalidInput(field, "must be a secret reference, env:NAME or file:name, never the secret itself");
        }
    }

    /** The value of one key ({@code user}, {@code password}, {@code secret}) of a reference, or an exception naming the reference. */
    String get(String reference, String key) {
        var env = ENV_REF.matcher(reference);
        if (env.matches()) {
            String variable = env.group(1) + "_" + key.toUpperCase(Locale.ROOT);
            String value = environment.apply(variable);
            if (value == null) {
                throw new IllegalStateException("Environment variable " + variable + " is not set");
            }
            return value;
        }
        var file = FILE_REF.matcher(reference);
        if (file.matches()) {
            Path path = directory.resolve(file.group(1) + ".properties");
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("Secrets file " + file.group(1) + ".properties cannot be read");
            }
            String value = properties.getProperty(key);
            if (value == null) {
                throw new IllegalStateException("Secrets file " + file.group(1) + ".properties has no key " + key);
            }
            return value;
        }
        throw new IllegalStateException("Not a secret reference");
    }
}
