package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one CSV writer of every export: RFC 4180 rows with CRLF, and nothing a spreadsheet would run as a formula. */
class CsvWriterTest {

    @Test
    void rowsEndInCrlfAndCellsWithSeparatorsQuotesOrLineBreaksAreQuotedWithQuotesDoubled() {
        StringBuilder out = new StringBuilder();
        CsvWriter.to(out).row("name", "note").row("Kari", "a, b").row("Say \"hi\"", "line\nbreak").row("x;y", null);
        assertThat(out).hasToString("name,note\r\nKari,\"a, b\"\r\n\"Say \"\"hi\"\"\",\"line\nbreak\"\r\n\"x;y\",\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = { "=1+2", "+47 915", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd" })
    void aTextCellThatASpreadsheetWouldRunGetsALeadingApostrophe(String value) {
        String cell = CsvWriter.cell(value);
        String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
        assertThat(unquoted).startsWith("'").isEqualTo("'" + value);
    }

    @Test
    void aFormulaWithQuotesIsNeutralisedAndThenQuoted() {
        assertThat(CsvWriter.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
    }

    @Test
    void numbersInstantsAndNullsAreWrittenPlainly() {
        assertThat(CsvWriter.line(-5, 3L, null, "", Instant.parse("2026-01-02T03:04:05Z"), true))
                .isEqualTo("-5,3,,,2026-01-02T03:04:05Z,true\r\n");
    }

    @Test
    void everyCellParsesBackToItsNeutralisedText() {
        List<String> cells = List.of("plain", "a,b", "\"q\"", "multi\r\nline", "=cmd", "", "semi;colon");
        String line = CsvWriter.line(cells);
        assertThat(parse(line)).containsExactly("plain", "a,b", "\"q\"", "multi\r\nline", "'=cmd", "", "semi;colon");
    }

    @Test
    void aFailingTargetSurfacesAsUncheckedIo() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Executable write = () -> CsvWriter.to(broken).row("x");
        org.junit.jupiter.api.Assertions.assertThrows(UncheckedIOException.class, write);
        StringWriter fine = new StringWriter();
        CsvWriter.to(fine).row(Arrays.asList("a", null));
        assertThat(fine).hasToString("a,\r\n");
    }

    /** A minimal RFC 4180 reader of one line, to show the written cells come back as written. */
    private static List<String> parse(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        String text = line.substring(0, line.length() - 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
