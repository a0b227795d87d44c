package no.vern.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The one way Vern writes CSV (every export a person opens in a spreadsheet): RFC 4180 rows ending in CRLF,
 * a cell quoted (inner quotes doubled) when it holds a comma, semicolon, quote or line break, and formula
 * injection neutralised (OWASP): a text cell beginning with {@code = + - @}, a tab or a carriage return gets a
 * leading apostrophe, so no spreadsheet runs it. Numbers are written as they are; null is an empty cell.
 *
 * <p>Write rows to any {@link Appendable} (a {@code StringBuilder}, a response {@code Writer}), or take one
 * line as text with {@link #line}.
 */
public final class CsvWriter {

    private final Appendable out;

    private CsvWriter(Appendable out) {
        this.out = out;
    }

    /** A writer appending rows to {@code out}; I/O failures surface as {@link UncheckedIOException}. */
    public static CsvWriter to(Appendable out) {
        return new CsvWriter(out);
    }

    /** Appends one row of cells. */
    public CsvWriter row(@Nullable Object... cells) {
        return row(Arrays.asList(cells));
    }

    /** Appends one row of cells. */
    public CsvWriter row(List<? extends @Nullable Object> cells) {
        try {
            out.append(line(cells));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One CRLF-terminated line of the given cells. */
    public static String line(@Nullable Object... cells) {
        return line(Arrays.asList(cells));
    }

    /** One CRLF-terminated line of the given cells. */
    public static String line(List<? extends @Nullable Object> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append("\r\n").toString();
    }

    /** One cell: neutralised against formulas, then quoted when RFC 4180 needs it. */
    public static String cell(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String v = value.toString();
        if (v.isEmpty()) {
            return "";
        }
        if (!(value instanceof Number) && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ',' || c == ';' || c == '"' || c == '\n' || c == '\r') {
                return '"' + v.replace("\"", "\"\"") + '"';
            }
        }
        return v;
    }
}
