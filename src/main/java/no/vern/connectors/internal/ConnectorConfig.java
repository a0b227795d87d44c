package no.vern.connectors.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import no.vern.connectors.ConnectorType;
import no.vern.connectors.EraseAction;
import no.vern.shared.InvalidInput;

/**
 * A connector's parsed configuration (YAML or JSON text; JSON is read as YAML). Parsing is strict: unknown
 * keys are refused (so a misspelt or inline {@code password} is an error, not silently stored), names are
 * validated as {@link SqlName}s, secrets must be references.
 */
sealed interface ConnectorConfig {

    Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,59}");
    Set<String> IDENTITY_KINDS = Set.of("email", "phone");

    /** A JDBC database and its dataset description. */
    record Jdbc(String url, String credentials, List<Table> tables) implements ConnectorConfig {
    }

    /**
     * One table: identity columns per identifier kind, columns per data category, and what erasure does.
     *
     * @param schema optional schema
     * @param name the table
     * @param identity identifier kind ({@code email}, {@code phone}) -> column
     * @param categories data category key -> columns
     * @param erase the erasure action
     * @param eraseFields the columns nulled or masked (NULL_FIELDS, MASK)
     * @param maskValue the fixed mask value (MASK)
     */
    record Table(@Nullable SqlName schema, SqlName name, Map<String, SqlName> identity, Map<String, List<SqlName>> categories,
            EraseAction erase, List<SqlName> eraseFields, @Nullable String maskValue) {

        String label() {
            return schema == null ? name.value() : schema.value() + "." + name.value();
        }
    }

    /**
     * An HTTP endpoint with a shared HMAC secret (by reference). Which addresses it may reach is server
     * configuration ({@code vern.connectors.allow-loopback}, {@code allow-private-networks}), never part of a
     * connector.
     */
    record Webhook(URI url, String secret) implements ConnectorConfig {
    }

    /** The keys that once let a connector allow itself loopback or private addresses: refused for new connectors. */
    Set<String> SERVER_ONLY_KEYS = Set.of("allowLoopback", "allowPrivateNetworks");

    /**
     * Parses the configuration of a connector being registered: as {@link #parse}, and refuses the address
     * allowances that only the server's configuration may give (stored connectors that still carry them are read
     * by {@link #parse}, which ignores them).
     */
    static ConnectorConfig parseNew(ConnectorType type, String text) {
        Map<String, Object> root = load(text);
        for (String key : SERVER_ONLY_KEYS) {
            if (root.containsKey(key)) {
                throw new InvalidInput("config", key + " is not accepted from a connector: which addresses connectors may reach"
                        + " is server configuration (vern.connectors.allow-loopback, vern.connectors.allow-private-networks)", "connectors.error.serverOnlyKey", key);
            }
        }
        return parse(type, text);
    }

    /** A system handled by a person; optional instructions shown on the task page. */
    record Manual(@Nullable String instructions) implements ConnectorConfig {
    }

    /** Parses and validates the configuration of a connector type. */
    static ConnectorConfig parse(ConnectorType type, String text) {
        Map<String, Object> root = load(text);
        return switch (type) {
            case JDBC -> jdbc(root);
            case WEBHOOK -> webhook(root);
            case MANUAL -> {
                only(root, "config", Set.of("instructions"));
                yield new Manual(optionalText(root, "instructions"));
            }
        };
    }

    private static Map<String, Object> load(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        if (text.length() > 100_000) {
            throw new InvalidInput("config", "is too long (at most 100,000 characters)", "error.field.tooLong", "100000");
        }
        Object loaded;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            loaded = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException | IllegalArgumentException e) {
            // SnakeYAML also throws IllegalArgumentException for some malformed input, e.g. a tag "!1%1%"
            // (found by DatasetDescriptionFuzzing): the same 400 as any other text that is not YAML.
            throw new InvalidInput("config", "is neither valid YAML nor JSON", "connectors.error.configSyntax");
        }
        if (loaded == null) {
            return Map.of();
        }
        return map(loaded, "config");
    }

    private static Jdbc jdbc(Map<String, Object> root) {
        only(root, "config", Set.of("url", "credentials", "tables"));
        String url = text(root, "url");
        if (url.contains("password=") || url.contains("user=")) {
            throw new InvalidInput("config", "url must be a jdbc: URL without user or password (use credentials: env:VERN_CONNECTOR_NAME or file:name)", "connectors.error.jdbcCredentials");
        }
        JdbcTarget.parse(url);
        String credentials = text(root, "credentials");
        Secrets.requireReference("config", credentials);
        List<Table> tables = new ArrayList<>();
        List<?> entries = list(root.get("tables"), "tables");
        for (int i = 0; i < entries.size(); i++) {
            String at = "tables[" + i + "]";
            tables.add(table(map(entries.get(i), at), at));
        }
        if (tables.isEmpty()) {
            throw new InvalidInput("config", "tables must list at least one table", "connectors.error.noTables");
        }
        return new Jdbc(url, credentials, tables);
    }

    /** One table of the configuration; {@code at} is its path in the configuration, said in errors as typed. */
    private static Table table(Map<String, Object> t, String at) {
        only(t, at, Set.of("schema", "name", "identity", "categories", "erase"));
        String schema = optionalText(t, "schema");
        SqlName name = new SqlName(text(t, "name"));
        Map<String, SqlName> identity = new LinkedHashMap<>();
        map(t.get("identity"), at + ".identity").forEach((kind, column) -> {
            if (!IDENTITY_KINDS.contains(kind)) {
                throw new InvalidInput("config", "identity of " + name + ": kind must be email or phone", "connectors.error.identityKind", name.value());
            }
            identity.put(kind, new SqlName(scalar(column, at + ".identity." + kind)));
        });
        if (identity.isEmpty()) {
            throw new InvalidInput("config", "table " + name + " needs at least one identity column (email or phone)", "connectors.error.noIdentity", name.value());
        }
        Map<String, List<SqlName>> categories = new LinkedHashMap<>();
        map(t.get("categories"), at + ".categories").forEach((category, columns) -> {
            if (!CATEGORY.matcher(category).matches()) {
                throw new InvalidInput("config", "categories of " + name + ": '" + category + "' is not a category key", "connectors.error.categoryKey", name.value(), category);
            }
            String path = at + ".categories." + category;
            List<?> listed = list(columns, path);
            List<SqlName> named = new ArrayList<>();
            for (int j = 0; j < listed.size(); j++) {
                named.add(new SqlName(scalar(listed.get(j), path + "[" + j + "]")));
            }
            categories.put(category, List.copyOf(named));
        });
        if (categories.isEmpty()) {
            throw new InvalidInput("config", "table " + name + " needs at least one data category", "connectors.error.noCategory", name.value());
        }
        Map<String, Object> erase = map(t.get("erase"), at + ".erase");
        only(erase, at + ".erase", Set.of("action", "fields", "value"));
        EraseAction action;
        try {
            action = EraseAction.valueOf(text(erase, "action"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("config", "erase action of " + name + " must be DELETE_ROW, NULL_FIELDS or MASK", "connectors.error.eraseAction", name.value());
        }
        List<SqlName> fields = new ArrayList<>();
        if (erase.containsKey("fields")) {
            List<?> listed = list(erase.get("fields"), at + ".erase.fields");
            for (int j = 0; j < listed.size(); j++) {
                fields.add(new SqlName(scalar(listed.get(j), at + ".erase.fields[" + j + "]")));
            }
        }
        String value = optionalText(erase, "value");
        if (action != EraseAction.DELETE_ROW && fields.isEmpty()) {
            throw new InvalidInput("config", "erase of " + name + ": " + action + " needs fields", "connectors.error.eraseFields", name.value(), action.name());
        }
        if (action == EraseAction.MASK && value == null) {
            throw new InvalidInput("config", "erase of " + name + ": MASK needs a fixed value", "connectors.error.maskValue", name.value());
        }
        return new Table(schema == null ? null : new SqlName(schema), name, identity, categories, action, List.copyOf(fields),
                action == EraseAction.MASK ? value : null);
    }

    private static Webhook webhook(Map<String, Object> root) {
        // allowLoopback/allowPrivateNetworks may remain in connectors stored before issue 24; they have no effect.
        only(root, "config", Set.of("url", "secret", "allowLoopback", "allowPrivateNetworks"));
        URI url;
        try {
            url = URI.create(text(root, "url"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("config", "url is not a valid URL", "connectors.error.urlInvalid");
        }
        if (!Set.of("http", "https").contains(String.valueOf(url.getScheme())) || url.getHost() == null
                || url.getRawUserInfo() != null) {
            throw new InvalidInput("config", "url must be an http(s) URL with a host and no user info", "connectors.error.webhookUrl");
        }
        String secret = text(root, "secret");
        Secrets.requireReference("config", secret);
        bool(root, "allowLoopback");
        bool(root, "allowPrivateNetworks");
        return new Webhook(url, secret);
    }

    private static void only(Map<String, Object> map, String where, Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidInput("config", where + ": unknown key '" + key + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")", "connectors.error.unknownKey", where, key, String.join(", ", allowed.stream().sorted().toList()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(@Nullable Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new InvalidInput("config", where + " must be a mapping", "connectors.error.notMapping", where);
        }
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidInput("config", where + " must have text keys", "connectors.error.textKeys", where);
            }
        }
        return (Map<String, Object>) m;
    }

    private static List<?> list(@Nullable Object value, String where) {
        if (!(value instanceof List<?> l)) {
            throw new InvalidInput("config", where + " must be a list", "connectors.error.notList", where);
        }
        return l;
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null || scalar(value, key).isBlank()) {
            throw new InvalidInput("config", key + " is required", "connectors.error.keyRequired", key);
        }
        return scalar(value, key).strip();
    }

    private static @Nullable String optionalText(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : scalar(value, key);
    }

    /**
     * A scalar as text. A list or mapping where text belongs is refused: printing it could expand aliases
     * without bound or, for a self-referencing alias ({@code &a [[*a]]}), overflow the stack.
     */
    private static String scalar(Object value, String what) {
        if (value instanceof java.util.Collection<?> || value instanceof Map<?, ?> || value.getClass().isArray()) {
            throw new InvalidInput("config", what + " must be text, not a list or mapping", "connectors.error.notText", what);
        }
        return String.valueOf(value);
    }

    private static boolean bool(Map<String, Object> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new InvalidInput("config", key + " must be true or false", "connectors.error.notBoolean", key);
    }
}
