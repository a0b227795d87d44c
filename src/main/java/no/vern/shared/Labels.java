package no.vern.shared;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The one place that turns machine identifiers into words a reader of the console understands, in the page's
 * language (issue 23 item 3): enum constants ({@code DONE}), purpose keys (by the record of processing's name),
 * actor references ({@code system:retention-purge}, {@code anonymous:anonymous}, {@code staff:kari}) and audit action
 * ids. Texts come from the message bundles ({@code i18n/labels}); templates call it as {@code ${@labels.of(x)}},
 * {@code ${@labels.actor(ref)}}, {@code ${@labels.purpose(key)}}, {@code ${@labels.action(id)}}.
 *
 * <p>What has no label yet is shown as it is, so that the console language test finds it rather than a page
 * silently saying something vaguer than the state.
 */
@Component("labels")
public class Labels {

    private final MessageSource messages;
    private final ObjectProvider<RecordNames> recordNames;

    /** Labels from the message bundles, with purpose and category names from the record when there is one. */
    public Labels(MessageSource messages, ObjectProvider<RecordNames> recordNames) {
        this.messages = messages;
        this.recordNames = recordNames;
    }

    /** An enum constant as words: the message {@code enum.<SimpleName>.<NAME>}; the constant's name if none. */
    public String of(@Nullable Enum<?> value) {
        if (value == null) {
            return "";
        }
        return enumLabel(value.getDeclaringClass().getSimpleName(), value.name());
    }

    /** A constant stored as text (a status column) of the named enum type, as words. */
    public String enumLabel(String type, @Nullable String name) {
        if (name == null || name.isBlank()) {
            return "";
        }
        return text("enum." + type + "." + name.toUpperCase(Locale.ROOT)).orElse(name);
    }

    /**
     * A code from a small family stored as text (a register change {@code kinds-changed}), as words: the message
     * {@code label.<family>.<code>} with the code's argument (the text after a space), the code itself if none.
     */
    public String code(String family, @Nullable String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        int space = code.indexOf(' ');
        String head = space < 0 ? code : code.substring(0, space);
        String rest = space < 0 ? "" : code.substring(space + 1);
        return text("label." + family + "." + head, rest).orElse(code);
    }

    /** A purpose by its name in the record of processing; the key when the record does not know it. */
    public String purpose(@Nullable String key) {
        if (key == null || key.isBlank()) {
            return "";
        }
        RecordNames names = recordNames.getIfAvailable();
        return names == null ? key : names.purpose(key, locale()).filter(n -> !n.isBlank()).orElse(key);
    }

    /** A processing activity by its name in the record of processing; the id when the record does not know it. */
    public String activity(@Nullable String id) {
        if (id == null || id.isBlank()) {
            return "";
        }
        RecordNames names = recordNames.getIfAvailable();
        return names == null ? id : names.activity(id, locale()).filter(n -> !n.isBlank()).orElse(id);
    }

    /** Data categories (comma-separated keys) by their names in the record of processing, joined with commas. */
    public String categories(@Nullable String keys) {
        if (keys == null || keys.isBlank()) {
            return "";
        }
        RecordNames names = recordNames.getIfAvailable();
        return java.util.Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> names == null ? k : names.category(k, locale()).filter(n -> !n.isBlank()).orElse(k))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * A stored message argument as a reader sees it: {@code purpose:<key>} as the purpose's name,
     * {@code category:<key>,<key>} as the categories' names, {@code activity:<id>} as the activity's name,
     * {@code label:<family>.<code>} as the message {@code label.<family>.<code>} (a reason stored as a code, such as
     * why the address guard refused an address); anything else as it is.
     */
    public String argument(String arg) {
        if (arg.startsWith("label:")) {
            String key = arg.substring("label:".length());
            return text("label." + key).orElse(key);
        }
        if (arg.startsWith("activity:")) {
            return activity(arg.substring("activity:".length()));
        }
        if (arg.startsWith("purpose:")) {
            return purpose(arg.substring("purpose:".length()));
        }
        if (arg.startsWith("category:")) {
            return categories(arg.substring("category:".length()));
        }
        return arg;
    }

    /**
     * Who acted, as a phrase: an anonymous visitor, the person themselves, a job by what it does, an API client,
     * or the staff member by the name they sign in with. References of an unknown kind are shown as they are.
     */
    public String actor(@Nullable String reference) {
        if (reference == null || reference.isBlank()) {
            return "";
        }
        int colon = reference.indexOf(':');
        if (colon < 0) {
            return reference;
        }
        String kind = reference.substring(0, colon);
        String id = reference.substring(colon + 1);
        return switch (kind) {
            case "anonymous" -> must("label.actor.anonymous");
            case "subject" -> must("label.actor.subject");
            case "system" -> text("label.job." + id).map(job -> must("label.actor.job", job))
                    .orElseGet(() -> must("label.actor.job.unnamed"));
            case "api_client" -> must("label.actor.apiClient", id);
            case "staff", "user" -> id;
            default -> reference;
        };
    }

    /** Stored message arguments as a reader sees them ({@link #argument(String)}), for a message expression. */
    public Object[] arguments(java.util.List<String> args) {
        return args.stream().map(this::argument).toArray();
    }

    /**
     * A stored message code with its stored arguments ({@link #argument(String)}) in a given language, for what is
     * written outside a page (a mail, a document); {@code fallback} (the stored English) when no bundle knows the code.
     */
    public String coded(String code, java.util.List<String> args, String fallback, Locale language) {
        org.springframework.context.i18n.LocaleContext before = LocaleContextHolder.getLocaleContext();
        LocaleContextHolder.setLocale(language);
        try {
            return text(code, arguments(args)).orElse(fallback);
        } finally {
            LocaleContextHolder.setLocaleContext(before);
        }
    }

    /** An actor as a phrase. */
    public String actor(@Nullable Actor actor) {
        return actor == null ? "" : actor(actor.reference());
    }

    /**
     * An audit action id as a phrase: the message {@code audit.action.<id>}, or for families whose last part varies
     * ({@code identity.login.refused.domain}) the family's message with that part's label; the id if none.
     */
    public String action(@Nullable String action) {
        if (action == null || action.isBlank()) {
            return "";
        }
        Optional<String> exact = text("audit.action." + action);
        if (exact.isPresent()) {
            return exact.get();
        }
        int dot = action.lastIndexOf('.');
        if (dot > 0) {
            String family = action.substring(0, dot);
            String last = action.substring(dot + 1);
            Optional<String> detail = text("audit.action.part." + last);
            Optional<String> familyText = text("audit.action.family." + family);
            if (familyText.isPresent()) {
                return must("audit.action.family." + family, detail.orElse(last));
            }
        }
        return action;
    }

    /**
     * Why a field was refused, in the page's language: its message code with the arguments (an argument
     * {@code purpose:<key>} as the purpose's name). An error without a code is said in English on English pages
     * and as "not valid" on Norwegian ones, never as English inside a Norwegian page.
     */
    public String error(InvalidInput.FieldError error) {
        String code = error.code();
        if (code != null) {
            Object[] args = error.args().stream().map(this::argument).toArray();
            Optional<String> said = text(code, args);
            if (said.isPresent()) {
                return said.get();
            }
        }
        return "en".equals(locale().getLanguage()) ? error.message() : must("error.field.generic");
    }

    /**
     * Field errors by field, each said in the page's language ({@link #error(InvalidInput.FieldError)}); the first
     * error of a field when there are several. Forms show them next to their fields.
     */
    public java.util.Map<String, String> errors(java.util.List<InvalidInput.FieldError> errors) {
        java.util.Map<String, String> said = new java.util.LinkedHashMap<>();
        errors.forEach(e -> said.putIfAbsent(e.field(), error(e)));
        return said;
    }

    /**
     * A field error for a list above a form: the field's name ({@code field.<name>}) and why, in the page's language;
     * only why when the field has no name in the bundles.
     */
    public String fieldError(InvalidInput.FieldError error) {
        return text("field." + error.field()).map(f -> f + ": ").orElse("") + error(error);
    }

    /**
     * Why an action was refused, for a page's status message: the field errors of invalid input, or the message
     * {@code problem.<slug>} of the problem's type; on English pages a problem without a label says its detail, on
     * Norwegian ones that the action was not carried out.
     */
    public String problem(VernProblem problem) {
        if (problem instanceof InvalidInput invalid && !invalid.errors().isEmpty()) {
            return must("problem.validation.fields", String.join("; ", invalid.errors().stream()
                    .map(this::fieldError).toList()));
        }
        return text("problem." + problem.slug()).orElseGet(() -> "en".equals(locale().getLanguage())
                ? String.valueOf(problem.getMessage()) : must("problem.generic"));
    }

    private Optional<String> text(String key, Object... args) {
        try {
            return Optional.of(messages.getMessage(key, args, locale()));
        } catch (NoSuchMessageException e) {
            return Optional.empty();
        }
    }

    private String must(String key, Object... args) {
        String text = messages.getMessage(key, args, key, locale());
        return text == null ? key : text;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
