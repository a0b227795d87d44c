package no.vern.processing.internal;

import no.vern.processing.PolicyText.Link;
import no.vern.processing.PolicyText.Section;
import no.vern.processing.PolicyText.Table;

/** The policy as plain text (Markdown-like), whose SHA-256 proves which text a person was shown (S6). */
final class PlainPolicy {

    private PlainPolicy() {
    }

    static void append(StringBuilder text, Section section, int level) {
        text.append("#".repeat(level)).append(' ').append(section.heading()).append("\n\n");
        section.paragraphs().forEach(p -> text.append(p).append("\n\n"));
        section.items().forEach(i -> text.append("- ").append(i).append('\n'));
        if (!section.items().isEmpty()) {
            text.append('\n');
        }
        Table table = section.table();
        if (table != null) {
            text.append(table.caption()).append("\n\n");
            text.append("| ").append(String.join(" | ", table.headers())).append(" |\n");
            text.append("|").append("---|".repeat(table.headers().size())).append('\n');
            table.rows().forEach(r -> text.append("| ").append(String.join(" | ", r)).append(" |\n"));
            text.append('\n');
        }
        for (Link link : section.links()) {
            text.append('[').append(link.label()).append("](").append(link.href()).append(")\n");
        }
        if (!section.links().isEmpty()) {
            text.append('\n');
        }
        section.subsections().forEach(s -> append(text, s, level + 1));
    }
}
