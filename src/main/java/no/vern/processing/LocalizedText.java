package no.vern.processing;

import java.util.Locale;

/**
 * A text shown to people in Norwegian (bokmål) and English, since everything a data subject reads
 * exists in both languages.
 *
 * @param nb Norwegian bokmål
 * @param en English
 */
public record LocalizedText(String nb, String en) {

    public LocalizedText {
        nb = nb == null ? "" : nb.strip();
        en = en == null ? "" : en.strip();
    }

    /** The text in the given language; English for {@code en}, Norwegian for everything else. */
    public String in(Locale locale) {
        return "en".equals(locale.getLanguage()) ? en : nb;
    }

    /** Whether both languages have text. */
    public boolean complete() {
        return !nb.isBlank() && !en.isBlank();
    }
}
