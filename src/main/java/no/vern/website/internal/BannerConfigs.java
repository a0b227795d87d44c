package no.vern.website.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.CompanyProfile;
import no.vern.processing.LocalizedText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.processing.RecordVersion;

/**
 * What the banner shows, built from the record of processing: its version is the banner version
 * (a new version asks visitors again), the statistics purpose's name and description come from the
 * record, and so do the other purposes when the record has them ({@code website-necessary},
 * {@code website-preferences}); otherwise the module's texts explain them.
 */
@Component
class BannerConfigs {

    /** Optional purposes a visitor can choose; strictly necessary storage needs no consent (ekomloven § 3-15). */
    static final List<String> OPTIONAL = List.of("preferences", "statistics");
    static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("nb"), Locale.ENGLISH);
    private static final Map<String, String> RECORD_KEYS = Map.of("necessary", "website-necessary", "preferences",
            "website-preferences", "statistics", "website-statistics");
    private static final List<String> UI_KEYS = List.of("title", "intro", "acceptAll", "rejectAll", "choose", "save",
            "settings", "gpc", "gpcWithdrawn", "gpcShort", "close", "required", "policy", "seeChoice", "saved");

    /**
     * What Vern's own banner and scripts keep on the visitor's device for a purpose; the script deletes it when the
     * purpose is refused or withdrawn (and what a site's own scripts keep is declared on their script tags with
     * {@code data-vern-cookies} and {@code data-vern-storage}).
     *
     * @param type {@code cookie} or {@code localStorage}
     * @param name the cookie name or storage key; ending in {@code *}, every key that starts with the rest
     */
    record Storage(String type, String name) {
    }

    /** The banner's purposes: strictly necessary first, then the optional ones. */
    static final List<String> CATEGORIES = CookieDeclaration.CATEGORIES;

    /**
     * Vern's own device storage on the site per purpose (ekomloven § 3-15), from the cookie declaration's entries
     * ({@link CookieDeclaration#ENTRIES}); statistics are cookieless and keep nothing.
     */
    static final Map<String, List<Storage>> STORAGE = CookieDeclaration.siteStorage();

    /** One purpose as shown in the banner, with what it keeps on the device. */
    record BannerPurpose(String key, boolean required, Map<String, String> name, Map<String, String> description,
            List<Storage> storage) {
    }

    /**
     * The banner's content.
     *
     * @param version the record-of-processing version the texts come from
     * @param gpc whether this request carried {@code Sec-GPC: 1}
     * @param texts interface texts by language
     * @param purposes necessary first, then the optional ones
     * @param noticeSha256 hash of the exact text shown, by language (kept with each proof)
     * @param policyUrl the published privacy policy by language
     * @param controller who asks (the company profile): {@code name} and {@code email} (its privacy mailbox); the
     *        intro text names it too
     */
    record BannerConfig(int version, boolean gpc, Map<String, Map<String, String>> texts, List<BannerPurpose> purposes,
            Map<String, String> noticeSha256, Map<String, String> policyUrl, Map<String, String> controller) {

        /** The hash of the text shown in a language of the banner ({@code nb} or {@code en}). */
        String noticeHash(String language) {
            return Objects.requireNonNull(noticeSha256.get(language), "no banner text in that language");
        }
    }

    private final ProcessingRecord record;
    private final MessageSource messages;

    BannerConfigs(ProcessingRecord record, MessageSource messages) {
        this.record = record;
        this.messages = messages;
    }

    BannerConfig current(boolean gpc) {
        RecordVersion current = record.current();
        int version = current.version();
        CompanyProfile company = current.document().companyProfile();
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        for (Locale locale : LANGUAGES) {
            Map<String, String> ui = new LinkedHashMap<>();
            // The intro names the controller from the company profile (GDPR Art. 13(1)(a): who asks).
            UI_KEYS.forEach(k -> ui.put(k, messages.getMessage("website.banner." + k,
                    k.equals("intro") ? new Object[] { company.legalName() } : null, locale)));
            texts.put(locale.getLanguage(), ui);
        }
        List<BannerPurpose> purposes = new ArrayList<>();
        for (String key : CATEGORIES) {
            Purpose fromRecord = record.purpose(Objects.requireNonNull(RECORD_KEYS.get(key))).orElse(null);
            LocalizedText name = fromRecord != null ? fromRecord.name() : bundled("website.purpose." + key + ".name");
            LocalizedText description = fromRecord != null ? fromRecord.description()
                    : bundled("website.purpose." + key + ".description");
            // The necessary purpose always explains the consent cookie and the privacy-center login (S18).
            if (key.equals("necessary") && fromRecord != null) {
                description = bundled("website.purpose.necessary.description");
            }
            purposes.add(new BannerPurpose(key, key.equals("necessary"), Map.of("nb", name.nb(), "en", name.en()),
                    Map.of("nb", description.nb(), "en", description.en()),
                    Objects.requireNonNull(STORAGE.get(key))));
        }
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Locale locale : LANGUAGES) {
            String language = locale.getLanguage();
            StringBuilder shown = new StringBuilder().append(version).append('\n')
                    .append(Objects.requireNonNull(texts.get(language)).get("title")).append('\n')
                    .append(Objects.requireNonNull(texts.get(language)).get("intro"));
            purposes.forEach(p -> shown.append('\n').append(p.key()).append('\n').append(p.name().get(language))
                    .append('\n').append(p.description().get(language)));
            hashes.put(language, sha256(shown.toString()));
        }
        return new BannerConfig(version, gpc, texts, purposes, hashes, Map.of("nb", "/personvern", "en", "/privacy"),
                Map.of("name", company.legalName(), "email", company.privacyMailbox()));
    }

    private LocalizedText bundled(String key) {
        return new LocalizedText(messages.getMessage(key, null, LANGUAGES.get(0)),
                messages.getMessage(key, null, Locale.ENGLISH));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
