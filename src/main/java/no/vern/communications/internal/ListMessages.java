package no.vern.communications.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.communications.Campaign;
import no.vern.processing.CompanyProfiles;
import no.vern.shared.Mail;
import no.vern.shared.SubjectId;

/**
 * Builds list mail: the campaign text in the person's language with their name, a footer with the
 * personal objection link, and the RFC 2369 / RFC 8058 headers ({@code List-Unsubscribe} with an
 * HTTPS and a mailto address, {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click}), so every
 * message offers a free, simple objection (S7, markedsføringsloven § 15). Sent at once through the
 * shared {@code OutgoingMail}: {@code communications_delivery} is the outbox of list mail.
 */
@Component
class ListMessages {

    static final String NB_PATH = "/avmelding/";
    static final String EN_PATH = "/unsubscribe/";

    private final UnsubscribeTokens tokens;
    private final MessageSource messages;
    private final CompanyProfiles profile;
    private final String baseUrl;

    ListMessages(UnsubscribeTokens tokens, MessageSource messages, CompanyProfiles profile,
            @Value("${vern.base-url}") String baseUrl) {
        this.tokens = tokens;
        this.messages = messages;
        this.profile = profile;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** The personal objection page of a subject for a list, in a language. */
    String unsubscribeUrl(UUID listId, SubjectId subject, String language) {
        return baseUrl + ("en".equals(language) ? EN_PATH : NB_PATH) + tokens.sign(listId, subject);
    }

    /** The subject line in the language. */
    static String subjectLine(Campaign c, String language) {
        return "en".equals(language) ? c.subjectEn() : c.subjectNb();
    }

    /** The full text as the person reads it: greeting name filled in, objection footer added. */
    String text(Campaign c, @Nullable String name, String language, String unsubscribeUrl) {
        Locale locale = locale(language);
        String body = "en".equals(language) ? c.bodyEn() : c.bodyNb();
        String who = name == null || name.isBlank() ? messages.getMessage("communications.mail.reader", null, locale) : name;
        return body.replace("{{name}}", who) + "\n\n-- \n"
                + messages.getMessage("communications.mail.footer",
                        new Object[] { unsubscribeUrl, profile.current().legalName() }, locale) + "\n";
    }

    /** The message for one person, sent immediately: the caller records each delivery and its outcome. */
    Mail build(Campaign c, SubjectId subject, String email, @Nullable String name, String language) {
        String url = unsubscribeUrl(c.listId(), subject, language);
        String token = url.substring(url.lastIndexOf('/') + 1);
        String mailto = "mailto:" + profile.current().privacyMailbox() + "?subject="
                + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20");
        return Mail.to(email, subjectLine(c, language), text(c, name, language, url))
                .withHeader("List-Unsubscribe", "<" + url + ">, <" + mailto + ">")
                .withHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .withHeader("List-Id", "<" + c.listId() + ".lists.vern>")
                .withHeader("Content-Language", "en".equals(language) ? "en" : "nb").immediately();
    }

    static Locale locale(String language) {
        return "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
    }
}
