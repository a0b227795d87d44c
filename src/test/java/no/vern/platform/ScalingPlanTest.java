package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import no.vern.support.TestDatabases;

/**
 * Issue 27, item 3: the Citus plan in {@code docs/scaling.md} (the table between the {@code classification} markers is
 * the one source) classifies every table of the migrated schema, and says the truth about it. A table that holds a
 * data subject's data is distributed by the subject's id, which must be in its primary key (Citus enforces unique
 * constraints only when they contain the distribution column); a new such table must have it from the start. The
 * tables that predate the rule and still need their key changed before a move to Citus are listed in
 * {@link #PRIMARY_KEY_CHANGE_PLANNED}: that list may only shrink.
 */
class ScalingPlanTest {

    private static final Path DOC = Path.of("docs/scaling.md");
    private static final Set<String> PLACEMENTS = Set.of("distributed", "reference", "local");
    private static final Set<String> PERSONAL = Set.of("subject", "visitor", "hashed", "transient", "staff", "none");
    /** Tables of subjects' data whose primary key lacked the subject's id when the plan was written (issue 27). */
    private static final Set<String> PRIMARY_KEY_CHANGE_PLANNED = Set.of(
            "changes_event", "communications_objection", "connectors_case_key", "connectors_collected",
            "connectors_fanout", "connectors_step", "consent_event", "consent_pending", "events_registration",
            "register_idempotency", "requests_case", "requests_certificate", "requests_certificate_pending",
            "requests_code", "requests_delivery", "requests_held_answer", "requests_history", "requests_note",
            "requests_recipient_notice", "requests_waiting", "retention_clock_event", "retention_hold",
            "retention_notice", "retention_run_item", "website_consent");

    record Row(String table, String placement, String column, String personal, List<String> keyToday, List<String> keyPlanned) {
    }

    record Actual(Set<String> columns, List<String> key) {
    }

    private static Map<String, Row> plan;
    private static Map<String, Actual> schema;

    @BeforeAll
    static void read() throws Exception {
        plan = parse(Files.readString(DOC));
        DriverManagerDataSource ds = new DriverManagerDataSource(TestDatabases.fresh(), TestDatabases.USER, "");
        JdbcClient db = JdbcClient.create(ds);
        schema = new LinkedHashMap<>();
        for (String table : db.sql("""
                SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'vern_keys') AND c.relname <> 'flyway_schema_history'
                  AND NOT c.relispartition
                ORDER BY 1""").query(String.class).list()) {
            Set<String> columns = new TreeSet<>(db.sql("""
                    SELECT a.attname FROM pg_attribute a WHERE a.attrelid = CAST(:t AS regclass) AND a.attnum > 0 AND NOT a.attisdropped
                    """).param("t", table).query(String.class).list());
            List<String> key = db.sql("""
                    SELECT a.attname FROM pg_index i JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true
                    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                    WHERE i.indrelid = CAST(:t AS regclass) AND i.indisprimary ORDER BY k.ord
                    """).param("t", table).query(String.class).list();
            schema.put(table, new Actual(columns, key));
        }
    }

    @Test
    void everyTableIsClassifiedInThePlanAndEveryRowNamesATable() {
        List<String> missing = new ArrayList<>();
        schema.forEach((table, actual) -> {
            if (!plan.containsKey(table)) {
                missing.add("| `%s` | ? | ? | ? | %s | ? |  (columns: %s)".formatted(table, key(actual.key()), actual.columns()));
            }
        });
        assertThat(missing).as("tables not classified in " + DOC).isEmpty();
        assertThat(schema.keySet()).as("rows of " + DOC + " without a table").containsAll(plan.keySet());
    }

    @Test
    void aTableWithASubjectsDataIsDistributedByTheSubjectsIdAndItIsInThePlannedPrimaryKey() {
        for (Row row : plan.values()) {
            Actual actual = schema.get(row.table());
            if (actual == null) {
                continue;
            }
            assertThat(row.placement()).as(row.table() + ": placement").isIn(PLACEMENTS);
            assertThat(row.personal()).as(row.table() + ": personal data").isIn(PERSONAL);
            if (actual.columns().contains("subject_id")) {
                assertThat(row.personal()).as(row.table() + " has subject_id: it holds a subject's data").isEqualTo("subject");
            }
            if ("subject".equals(row.personal())) {
                assertThat(row.placement()).as(row.table() + " holds a subject's data").isEqualTo("distributed");
            }
            if ("distributed".equals(row.placement())) {
                if (!actual.columns().contains(row.column())) {
                    assertThat(PRIMARY_KEY_CHANGE_PLANNED).as(row.table() + " lacks its distribution column " + row.column()
                            + "; only a table that predates the plan may, with the column to add in the plan").contains(row.table());
                }
                assertThat(row.keyPlanned()).as(row.table() + ": planned primary key holds the distribution column")
                        .contains(row.column());
            }
            assertThat(row.keyToday()).as(row.table() + ": the plan's 'primary key today' is the schema's").isEqualTo(actual.key());
        }
    }

    @Test
    void aNewTableWithASubjectsDataHasTheSubjectsIdInItsPrimaryKeyFromTheStart() {
        List<String> lacking = new ArrayList<>();
        for (Row row : plan.values()) {
            Actual actual = schema.get(row.table());
            if (actual != null && "distributed".equals(row.placement()) && !actual.key().contains(row.column())) {
                lacking.add(row.table());
            }
        }
        assertThat(lacking).as("tables of a subject's data whose primary key lacks the distribution column; only those "
                + "that predate the plan may, and they may only become fewer").isSubsetOf(PRIMARY_KEY_CHANGE_PLANNED);
    }

    /** The rows between {@code <!-- classification:start -->} and {@code <!-- classification:end -->}. */
    static Map<String, Row> parse(String markdown) {
        Matcher block = Pattern.compile("(?s)<!-- classification:start -->(.*?)<!-- classification:end -->").matcher(markdown);
        assertThat(block.find()).as(DOC + " has the classification table between its markers").isTrue();
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : block.group(1).split("\n")) {
            String[] cells = line.strip().split("\\|");
            if (cells.length < 7 || !line.strip().startsWith("| `")) {
                continue;
            }
            String table = code(cells[1]);
            Row previous = rows.put(table, new Row(table, cells[2].strip(), code(cells[3]), cells[4].strip(),
                    keyList(cells[5]), keyList(cells[6])));
            assertThat(previous).as(table + " classified once").isNull();
        }
        return rows;
    }

    private static String code(String cell) {
        return cell.strip().replace("`", "");
    }

    private static List<String> keyList(String cell) {
        String text = code(cell);
        return "—".equals(text) || text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(String::strip).toList();
    }

    private static String key(List<String> key) {
        return key.isEmpty() ? "—" : "`" + String.join(", ", key) + "`";
    }
}
