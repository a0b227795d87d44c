package no.vern.connectors.internal;

import no.vern.shared.AddressGuard;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import no.vern.connectors.EraseAction;

/**
 * Runs access, erasure and checks against a JDBC database from its declarative description. Every statement
 * is built here from validated, quoted names that were confirmed in the database's metadata, with the
 * identifiers as bind parameters; no SQL text comes from configuration. Erasure of all tables runs in one
 * transaction, in the order the tables are listed (list child tables first).
 */
final class JdbcSystem {

    /** The one detail for every failure to get a session (see {@link #connect}). */
    static final String UNREACHABLE = "could not connect: the system is unreachable, closed, refused the login, or its address is not allowed";

    private static final int QUERY_TIMEOUT_SECONDS = 30;
    private static final int MAX_ROWS = 10_000;

    /** The driver itself, not {@code DriverManager}: no other registered driver can answer a connector URL. */
    private static final java.sql.Driver DRIVER = new org.postgresql.Driver();

    private final Secrets secrets;
    private final AddressGuard guard;
    private final AddressGuard.Allowances allowances;

    JdbcSystem(Secrets secrets, AddressGuard guard, AddressGuard.Allowances allowances) {
        this.secrets = secrets;
        this.guard = guard;
        this.allowances = allowances;
    }

    /** Checks connectivity and that every table and column exists; returns a detail without data. */
    StepDetail check(ConnectorConfig.Jdbc spec) throws SQLException {
        try (Connection c = connect(spec)) {
            verifyMetadata(c, spec);
            int columns = spec.tables().stream().mapToInt(t -> columnsOf(t).size()).sum();
            return StepDetail.checked(spec.tables().size(), columns);
        }
    }

    /** Every value of every category for rows matching the identifiers. */
    Found access(ConnectorConfig.Jdbc spec, Identifiers who) throws SQLException {
        Map<String, List<String>> values = new TreeMap<>();
        int rows = 0;
        int tables = 0;
        try (Connection c = connect(spec)) {
            c.setReadOnly(true);
            String quote = verifyMetadata(c, spec);
            for (ConnectorConfig.Table table : spec.tables()) {
                Where where = where(table, who, quote);
                if (where == null) {
                    continue;
                }
                List<SqlName> columns = new ArrayList<>(columnsOf(table));
                String sql = "SELECT " + String.join(", ", columns.stream().map(n -> n.quoted(quote)).toList()) + " FROM "
                        + from(table, quote) + " WHERE " + where.sql();
                int tableRows = 0;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                    ps.setMaxRows(MAX_ROWS);
                    where.bind(ps, 1);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            tableRows++;
                            for (var category : table.categories().entrySet()) {
                                for (SqlName column : category.getValue()) {
                                    Object value = rs.getObject(columns.indexOf(column) + 1);
                                    if (value != null) {
                                        values.computeIfAbsent(category.getKey(), k -> new ArrayList<>())
                                                .add(column.value() + ": " + value);
                                    }
                                }
                            }
                        }
                    }
                }
                rows += tableRows;
                tables += tableRows > 0 ? 1 : 0;
            }
        }
        return new Found(values, rows, StepDetail.rowsFound(rows, tables));
    }

    /** Erases matching rows as configured per table, all tables in one transaction; returns counts. */
    Found erase(ConnectorConfig.Jdbc spec, Identifiers who) throws SQLException {
        int rows = 0;
        int tables = 0;
        try (Connection c = connect(spec)) {
            String quote = verifyMetadata(c, spec);
            c.setAutoCommit(false);
            try {
                for (ConnectorConfig.Table table : spec.tables()) {
                    Where where = where(table, who, quote);
                    if (where == null) {
                        continue;
                    }
                    String sql;
                    if (table.erase() == EraseAction.DELETE_ROW) {
                        sql = "DELETE FROM " + from(table, quote) + " WHERE " + where.sql();
                    } else {
                        String value = table.erase() == EraseAction.MASK ? "?" : "NULL";
                        sql = "UPDATE " + from(table, quote) + " SET " + String.join(", ",
                                table.eraseFields().stream().map(f -> f.quoted(quote) + " = " + value).toList()) + " WHERE " + where.sql();
                    }
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                        int next = 1;
                        if (table.erase() == EraseAction.MASK) {
                            for (int i = 0; i < table.eraseFields().size(); i++) {
                                ps.setString(next++, table.maskValue());
                            }
                        }
                        where.bind(ps, next);
                        int changed = ps.executeUpdate();
                        rows += changed;
                        tables += changed > 0 ? 1 : 0;
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return Found.nothing(StepDetail.rowsErased(rows, tables));
    }

    /**
     * Resolves the host once, checks every address with the guard under the server's allowances, and connects
     * to the checked address. Every way of not getting a session (refused by the guard, no such host, closed
     * port, timeout, not PostgreSQL, login refused, no such database) ends in the same {@link #UNREACHABLE}
     * exception without SQLSTATE or cause, so a connection test cannot be used to scan ports or probe logins.
     */
    private Connection connect(ConnectorConfig.Jdbc spec) throws SQLException {
        JdbcTarget target = JdbcTarget.parse(spec.url());
        String user = secrets.get(spec.credentials(), "user");
        String password = secrets.get(spec.credentials(), "password");
        InetAddress address;
        try {
            address = guard.check(target.host(), allowances);
        } catch (AddressGuard.Refused e) {
            throw new SQLException(UNREACHABLE);
        }
        Properties properties = target.properties(address, user, password);
        Connection connection;
        try {
            connection = DRIVER.connect(target.url(), properties);
        } catch (SQLException e) {
            throw new SQLException(UNREACHABLE);
        }
        if (connection == null) {
            throw new SQLException(UNREACHABLE);
        }
        return connection;
    }

    /** Confirms every table and column in the database's metadata; returns the identifier quote string. */
    private static String verifyMetadata(Connection c, ConnectorConfig.Jdbc spec) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (ConnectorConfig.Table table : spec.tables()) {
            Set<String> existing = new HashSet<>();
            String schema = table.schema() == null ? null : table.schema().value();
            try (ResultSet rs = meta.getColumns(c.getCatalog(), schema, table.name().value(), "%")) {
                while (rs.next()) {
                    existing.add(rs.getString("COLUMN_NAME"));
                }
            }
            if (existing.isEmpty()) {
                throw new SQLException("Table " + table.label() + " not found");
            }
            for (SqlName column : allColumns(table)) {
                if (!existing.contains(column.value())) {
                    throw new SQLException("Column " + column + " not found in table " + table.label());
                }
            }
        }
        String quote = meta.getIdentifierQuoteString();
        return quote == null || quote.isBlank() ? "\"" : quote.strip();
    }

    private static Set<SqlName> columnsOf(ConnectorConfig.Table table) {
        Set<SqlName> columns = new LinkedHashSet<>();
        table.categories().values().forEach(columns::addAll);
        return columns;
    }

    private static Set<SqlName> allColumns(ConnectorConfig.Table table) {
        Set<SqlName> columns = columnsOf(table);
        columns.addAll(table.identity().values());
        columns.addAll(table.eraseFields());
        return columns;
    }

    private static String from(ConnectorConfig.Table table, String quote) {
        return table.schema() == null ? table.name().quoted(quote) : table.schema().quoted(quote) + "." + table.name().quoted(quote);
    }

    /** The WHERE clause over the table's identity columns with placeholders, or null if no identifier applies. */
    private static @Nullable Where where(ConnectorConfig.Table table, Identifiers who, String quote) {
        List<String> parts = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        SqlName email = table.identity().get("email");
        if (email != null && !who.emails().isEmpty()) {
            parts.add("LOWER(" + email.quoted(quote) + ") IN (" + placeholders(who.emails().size()) + ")");
            who.emails().stream().sorted().map(e -> e.toLowerCase(Locale.ROOT)).forEach(parameters::add);
        }
        SqlName phone = table.identity().get("phone");
        if (phone != null && !who.phones().isEmpty()) {
            parts.add(phone.quoted(quote) + " IN (" + placeholders(who.phones().size()) + ")");
            who.phones().stream().sorted().forEach(parameters::add);
        }
        return parts.isEmpty() ? null : new Where(String.join(" OR ", parts), parameters);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private record Where(String sql, List<String> parameters) {
        void bind(PreparedStatement ps, int from) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setString(from + i, parameters.get(i));
            }
        }

        @Override
        public String toString() {
            return "Where[" + sql + "]";
        }
    }

    /** Counts per category for a dry run (values dropped at once). */
    static Map<String, Integer> counts(Found found) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        found.values().forEach((category, values) -> counts.put(category, values.size()));
        return counts;
    }
}
