package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the one CSV reader (the register import, the eligibility lists; issue 14, item 4): arbitrary text never
 * throws, and any grid of cells written as RFC 4180 CSV (quotes, separators, line breaks and BOMs inside cells)
 * parses back to the same cells, so an import never shifts a value into another column; what {@link CsvWriter}
 * writes reads back as written, with formulas neutralised.
 */
class CsvParseFuzzing {

    /** Inputs tried in this JVM, printed at the end so a run reports how much it fuzzed. */
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fuzz executions of CsvParseFuzzing: " + EXECUTIONS.get());
    }

    @FuzzTest(maxDuration = "10s")
    void anyTextParsesAndQuotedCellsRoundTrip(FuzzedDataProvider data) {
        check(data);
    }

    @Tag("long")
    @FuzzTest(maxDuration = "10m")
    void anyTextParsesAndQuotedCellsRoundTripLong(FuzzedDataProvider data) {
        check(data);
    }

    private static void check(FuzzedDataProvider data) {
        EXECUTIONS.incrementAndGet();
        int columns = data.consumeInt(1, 6);
        int rows = data.consumeInt(1, 5);
        char separator = data.consumeBoolean() ? ';' : ',';
        List<List<String>> grid = new ArrayList<>();
        StringBuilder csv = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                // The header decides the separator; a header cell is a plain name without either separator.
                String cell = r == 0 ? "h" + c : data.consumeString(40);
                row.add(cell);
                csv.append(c == 0 ? "" : String.valueOf(separator)).append('"').append(cell.replace("\"", "\"\"")).append('"');
            }
            grid.add(row);
            csv.append(data.consumeBoolean() ? "\r\n" : "\n");
        }
        assertThat(CsvReader.parse(csv.toString())).isEqualTo(grid);
        // What the one writer writes, the one reader reads back: each cell as written, formulas neutralised.
        StringBuilder written = new StringBuilder();
        grid.forEach(CsvWriter.to(written)::row);
        assertThat(CsvReader.parse(written.toString())).isEqualTo(grid.stream().map(row -> row.stream()
                .map(cell -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell).toList())
                .toList());
        CsvReader.parse(data.consumeRemainingAsString()); // arbitrary text: must not throw
    }
}
