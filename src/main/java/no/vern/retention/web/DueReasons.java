package no.vern.retention.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import no.vern.retention.DueReason;

/**
 * Why a run's item is due, in the page's language (issue 23 item 3): the stored {@link DueReason} said from
 * {@code retention.reason.<code>}, dates as the console shows dates and the rule's unit in words. Templates call it
 * as {@code ${@dueReasons.of(i.reason)}}; a text that is no reason Vern stored is shown as it is.
 */
@Component("dueReasons")
public class DueReasons {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final MessageSource messages;

    DueReasons(MessageSource messages) {
        this.messages = messages;
    }

    /** The stored reason in words. */
    public String of(@Nullable String stored) {
        if (stored == null || stored.isBlank()) {
            return "";
        }
        return DueReason.parse(stored).map(this::words).orElse(stored);
    }

    private String words(DueReason reason) {
        Locale locale = LocaleContextHolder.getLocale();
        List<String> a = reason.args();
        Object[] args = switch (reason.code()) {
            case "consent-ended" -> new Object[] {date(a.get(0))};
            case "bookkeeping" -> new Object[] {a.get(0), date(a.get(1))};
            default -> new Object[] {date(a.get(0)), a.get(1),
                    messages.getMessage("retention.unit." + a.get(2), null, a.get(2), locale)};
        };
        String text = messages.getMessage("retention.reason." + reason.code(), args, reason.stored(), locale);
        return text == null ? reason.stored() : text;
    }

    private static String date(String iso) {
        return DATE.format(LocalDate.parse(iso));
    }
}
