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
 * {@code env:VERN_CONNECTOR_CRM} reads the environment variables {@code VERN_CONNECTOR_CRM_USER},
 * {@code VERN_CONNECTOR_CRM_PASSWORD}, {@code VERN_CONNECTOR_CRM_SECRET}; {@code file:crm} reads the keys
 * {@code user}, {@code password}, {@code secret} of {@code <secrets dir>/crm.properties} (keep it mode 600).
 * Environment references must start with {@link #ENV_PREFIX}: whoever may register a connector must never be
 * able to name Vern's own secrets ({@code env:VERN_DB} would hand over the database owner's login). Values are
 * never logged.
 */
final class Secrets {

    /** The only environment variables a connector may read start with this. */
    static final String ENV_PREFIX = "VERN_CONNECTOR_";
    static final Pattern ENV_REF = Pattern.compile("env:(" + ENV_PREFIX + "[A-Z0-9][A-Z0-9_]{0,45})");
    private static final Pattern ANY_ENV_REF = Pattern.compile("env:.*", Pattern.DOTALL);
    static final Pattern FILE_REF = Pattern.compile("file:([a-z0-9][a-z0-9-]{0,60})");

    private final Path directory;
    private final Function<String, String> environment;

    Secrets(Path directory, Function<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    /** Throws {@link InvalidInput} unless the text is a secret reference (so that inline secrets are refused). */
    static void requireReference(String field, String value) {
        if (ANY_ENV_REF.matcher(value).matches() && !ENV_REF.matcher(value).matches()) {
            throw new InvalidInput(field, "an environment reference must name a connector secret, env:" + ENV_PREFIX
                    + "<NAME> (Vern's own settings are never handed to a connector)", "connectors.error.secretEnv", ENV_PREFIX);
        }
        if (!ENV_REF.matcher(value).matches() && !FILE_REF.matcher(value).matches()) {
            throw new InvalidInput(field, "must be a secret reference, env:" + ENV_PREFIX + "<NAME> or file:name, never the secret itself", "connectors.error.secretReference", ENV_PREFIX);
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
