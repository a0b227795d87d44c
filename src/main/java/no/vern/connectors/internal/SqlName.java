package no.vern.connectors.internal;

import java.util.regex.Pattern;

import no.vern.shared.InvalidInput;

/**
 * A table, schema or column name from a dataset description: only plain SQL names pass
 * ({@code [A-Za-z_][A-Za-z0-9_]{0,62}}), they are always quoted in the SQL Vern builds, and every one is
 * checked against the database's metadata before use. No SQL text ever comes from configuration.
 */
record SqlName(String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    SqlName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidInput("config", "'" + abbreviate(value) + "' is not a plain SQL name ([A-Za-z_][A-Za-z0-9_]*)", "connectors.error.sqlName", abbreviate(value));
        }
    }

    /** The name quoted for SQL (the pattern excludes the quote character, so no escaping is needed). */
    String quoted(String quote) {
        return quote + value + quote;
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        String clean = value.replaceAll("[^\\p{Print}]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }

    @Override
    public String toString() {
        return value;
    }
}
