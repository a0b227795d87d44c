package no.vern.requests.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

import no.vern.requests.CaseEvent;
import no.vern.shared.Labels;
import no.vern.shared.TimeFormat;

/**
 * A case's history as the console says it (issue 23 item 3): each line from its action code and stored arguments in
 * the reader's language ({@code requests.history.line.<action>}), the actor as a phrase. Lines written before the
 * arguments were stored say their action in words ({@code requests.history.action.<action>}) and keep their English
 * note, marked as English.
 */
@Component
class CaseHistoryLines {

    /**
     * One line of the history.
     *
     * @param at when
     * @param actor who, in words
     * @param text what happened, in the reader's language
     * @param englishNote the note of a line from before the arguments were stored (English), or null
     */
    record Line(Instant at, String actor, String text, @Nullable String englishNote) {
    }

    private final MessageSource messages;
    private final Labels labels;
    private final TimeFormat time;

    CaseHistoryLines(MessageSource messages, Labels labels, TimeFormat time) {
        this.messages = messages;
        this.labels = labels;
        this.time = time;
    }

    List<Line> render(List<CaseEvent> history, Locale locale) {
        List<Line> lines = new ArrayList<>();
        for (CaseEvent e : history) {
            List<String> args = e.args();
            String actor = labels.actor(e.actor());
            if (args == null) {
                lines.add(new Line(e.at(), actor, action(e.action(), locale), e.detail()));
            } else {
                lines.add(new Line(e.at(), actor, line(e.action(), args, locale), null));
            }
        }
        return lines;
    }

    /** The action alone, in words; the code itself for an action without a label (the language test finds it). */
    String action(String action, Locale locale) {
        String key = action.startsWith("recipient-") ? "requests.history.action.recipient" : "requests.history.action." + action;
        return text(key, locale).orElse(action);
    }

    /** The line of an action with its arguments. */
    String line(String action, List<String> args, Locale locale) {
        String key = "requests.history.line." + action;
        Object[] shown = switch (action) {
            case "received" -> {
                key += "0".equals(arg(args, 1)) ? ".notOnFile" : ".onFile";
                yield new Object[] { channel(arg(args, 0), locale), arg(args, 1) };
            }
            case "duplicate-linked" -> new Object[] { channel(arg(args, 0), locale) };
            case "status" -> new Object[] { message("requests.status." + arg(args, 0), locale) };
            case "refused" -> new Object[] { message("requests.refusalGround." + arg(args, 0), locale) };
            case "asked-person" -> new Object[] { message("requests.clarify.short." + arg(args, 0), locale) };
            case "person-answered" -> {
                key += arg(args, 1).isEmpty() ? "" : ".newDue";
                yield new Object[] { message("requests.clarify.short." + arg(args, 0), locale), date(arg(args, 1)) };
            }
            case "extended" -> new Object[] { arg(args, 0), date(arg(args, 1)) };
            case "systems-started" -> new Object[] { message("requests.operation." + arg(args, 0), locale), arg(args, 1) };
            case "personal-data-deleted" -> new Object[] { period(arg(args, 0), locale) };
            case "erased-except-kept" -> new Object[] { labels.argument(arg(args, 0)), kept(args, locale) };
            default -> {
                if (action.startsWith("recipient-")) {
                    key = "requests.history.line.recipient." + action.substring("recipient-".length());
                    yield new Object[] { "en".equals(locale.getLanguage()) ? arg(args, 1) : arg(args, 0) };
                }
                yield args.stream().map(labels::argument).toArray();
            }
        };
        return text(key, locale, shown).orElseGet(() -> action(action, locale));
    }

    private String kept(List<String> args, Locale locale) {
        List<String> kept = new ArrayList<>();
        for (int i = 1; i + 2 < args.size(); i += 3) {
            // purpose:<key>, category:<key>, release date
            kept.add(message("requests.history.kept", locale, labels.argument(args.get(i + 1)),
                    labels.argument(args.get(i)), date(args.get(i + 2))));
        }
        return String.join("; ", kept);
    }

    private String period(String iso, Locale locale) {
        try {
            java.time.Period p = java.time.Period.parse(iso);
            if (p.getMonths() == 0 && p.getDays() == 0) {
                return message("requests.history.years", locale, p.getYears());
            }
            if (p.getYears() == 0 && p.getDays() == 0) {
                return message("requests.history.months", locale, p.getMonths());
            }
        } catch (DateTimeParseException e) {
            // shown as stored
        }
        return iso;
    }

    private String channel(String code, Locale locale) {
        return message("requests.channel." + code, locale);
    }

    private String date(String isoInstantOrDate) {
        if (isoInstantOrDate.isEmpty()) {
            return "";
        }
        try {
            return time.date(Instant.parse(isoInstantOrDate));
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDate.parse(isoInstantOrDate).format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"));
            } catch (DateTimeParseException notADate) {
                return isoInstantOrDate;
            }
        }
    }

    private static String arg(List<String> args, int i) {
        return i < args.size() ? args.get(i) : "";
    }

    private String message(String key, Locale locale, Object... args) {
        return text(key, locale, args).orElse(key);
    }

    private java.util.Optional<String> text(String key, Locale locale, Object... args) {
        try {
            return java.util.Optional.of(messages.getMessage(key, args, locale));
        } catch (NoSuchMessageException e) {
            return java.util.Optional.empty();
        }
    }
}
