package no.vern.connectors.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import no.vern.connectors.pinning.PinnedSocketFactory;
import no.vern.shared.InvalidInput;

/**
 * A JDBC connector's database address, reduced to what a connector may say: a PostgreSQL URL with one host
 * (name, canonical IPv4 or bracketed IPv6), an optional port, a database name and driver parameters from an
 * allow-list only. Everything else the driver understands ({@code socketFactory}, {@code sslfactory},
 * {@code loggerFile}, several hosts, Unix sockets …) could make Vern load classes, write files or reach
 * other hosts, so it is refused. The connection goes to the address the guard checked ({@link #properties}).
 *
 * @param host the host as written (a name or an IP literal; IPv6 without brackets)
 * @param port the port (5432 if not written)
 * @param database the database name
 * @param parameters allow-listed driver parameters
 */
record JdbcTarget(String host, int port, String database, Map<String, String> parameters) {

    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://(\\[[0-9a-fA-F:.]{2,45}\\]|[A-Za-z0-9.-]{1,253})(?::(\\d{1,5}))?/([A-Za-z0-9_][A-Za-z0-9_$-]{0,62})(?:\\?([^#]*))?");

    /** The driver parameters a connector may set, with the values each may take. */
    static final Map<String, Pattern> ALLOWED_PARAMETERS = Map.of(
            "sslmode", Pattern.compile("disable|allow|prefer|require|verify-ca|verify-full"),
            "ssl", Pattern.compile("true|false"),
            "currentSchema", Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}"),
            "ApplicationName", Pattern.compile("[A-Za-z0-9 _.-]{1,63}"));

    JdbcTarget {
        parameters = Map.copyOf(parameters);
    }

    /** Parses and validates a connector URL; {@link InvalidInput} (field {@code config}) names what is not allowed. */
    static JdbcTarget parse(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new InvalidInput("config", "url must be jdbc:postgresql://host[:port]/database[?parameters] with one host"
                    + " (PostgreSQL is the only database driver Vern has)", "connectors.error.jdbcUrl");
        }
        String host = m.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            throw new InvalidInput("config", "url: the port must be between 1 and 65535", "connectors.error.jdbcPort");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = m.group(4);
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                Pattern allowed = ALLOWED_PARAMETERS.get(key);
                if (allowed == null) {
                    // The key is echoed only if it has the shape of a parameter name.
                    String which = key.matches("[A-Za-z][A-Za-z0-9]{0,40}") ? "'" + key + "'" : "a parameter";
                    throw new InvalidInput("config", "url: driver parameter " + which + " is not allowed (allowed: "
                            + String.join(", ", ALLOWED_PARAMETERS.keySet().stream().sorted().toList()) + ")", "connectors.error.jdbcParameter", key.matches("[A-Za-z][A-Za-z0-9]{0,40}") ? key : "…", String.join(", ", ALLOWED_PARAMETERS.keySet().stream().sorted().toList()));
                }
                if (!allowed.matcher(value).matches() || parameters.put(key, value) != null) {
                    throw new InvalidInput("config", "url: driver parameter '" + key + "' has a value that is not allowed", "connectors.error.jdbcParameterValue", key);
                }
            }
        }
        return new JdbcTarget(host, port, m.group(3), parameters);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("config", "url: malformed parameter encoding", "connectors.error.jdbcEncoding");
        }
    }

    /**
     * The URL the driver gets: host as written (TLS verifies against it), the port, the database and the
     * allow-listed parameters, rebuilt from the parsed parts (nothing of the original text passes unparsed).
     */
    String url() {
        StringBuilder url = new StringBuilder("jdbc:postgresql://");
        url.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
        String separator = "?";
        for (var e : parameters.entrySet()) {
            url.append(separator).append(e.getKey()).append('=').append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        return url.toString();
    }

    /**
     * Connection properties that make the driver connect to {@code checked} (the guard's answer for this host)
     * and nowhere else, with Vern's timeouts.
     */
    Properties properties(InetAddress checked, @Nullable String user, @Nullable String password) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("socketFactory", PinnedSocketFactory.class.getName());
        String literal = checked.getHostAddress();
        if (checked instanceof Inet6Address && literal.contains("%")) {
            literal = literal.substring(0, literal.indexOf('%'));
        }
        properties.setProperty("socketFactoryArg", literal);
        return properties;
    }

    @Override
    public String toString() {
        return "JdbcTarget[" + database + "]";
    }
}
