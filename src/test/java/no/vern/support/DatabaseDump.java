package no.vern.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A full dump of every table of every schema (as the owner, so the key store too), the way a backup or
 * a stolen disk would show it, and the check that no canary is in it in plain text or as the hex of
 * its bytes (an unencrypted bytea column).
 */
public final class DatabaseDump {

    private DatabaseDump() {
    }

    /** COPY of every base table outside the catalogs, one section per table. */
    public static String everySchema(DataSource owner) throws Exception {
        StringWriter out = new StringWriter();
        try (Connection connection = owner.getConnection()) {
            List<String> tables = JdbcClient.create(owner).sql("""
                    SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                    WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                    """).query(String.class).list();
            assertThat(tables).contains("public.register_record", "vern_keys.subject_key", "public.audit_entry");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                out.write("-- " + table + "\n");
                copy.copyOut("COPY " + table + " TO STDOUT", out);
            }
        }
        return out.toString();
    }

    /** Fails if any of the values appears in the dump, as text or as the hex of its UTF-8 bytes. */
    public static void assertHoldsNone(String dump, List<String> values) {
        for (String value : values) {
            assertThat(dump).as("plaintext form of a canary").doesNotContainIgnoringCase(value);
            assertThat(dump).as("hex (bytea) form of a canary")
                    .doesNotContainIgnoringCase(HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
