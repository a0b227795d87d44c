package no.vern.processing.internal;

import java.util.Locale;

import org.springframework.context.MessageSource;

/** Message lookup in one language, for the texts written from the record. */
record Texts(MessageSource messages, Locale locale) {

    String m(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    boolean english() {
        return "en".equals(locale.getLanguage());
    }

    /** The text as one sentence: a full stop is added unless it already ends with one (or with ! or ?). */
    static String sentence(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.endsWith(".") || stripped.endsWith("!") || stripped.endsWith("?")) {
            return stripped;
        }
        return stripped + ".";
    }

    /** The text without a final full stop, to go on inside a sentence. */
    static String clause(String text) {
        String stripped = text.strip();
        return stripped.endsWith(".") ? stripped.substring(0, stripped.length() - 1) : stripped;
    }
}
