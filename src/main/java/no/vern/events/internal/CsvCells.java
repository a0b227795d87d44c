package no.vern.events.internal;

import org.jspecify.annotations.Nullable;

/**
 * CSV cells that spreadsheets cannot run: a cell starting with {@code = + - @} (or a tab or carriage
 * return) gets a leading apostrophe (OWASP CSV injection), and cells are quoted per RFC 4180.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** One CSV line (CRLF-terminated) of the given cells; null is an empty cell. */
    static String row(@Nullable String... cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells[i]));
        }
        return line.append("\r\n").toString();
    }

    static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0
                || v.indexOf('\'') == 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
