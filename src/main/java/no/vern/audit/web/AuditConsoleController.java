package no.vern.audit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import no.vern.audit.AuditChain;
import no.vern.audit.AuditFilter;
import no.vern.audit.AuditPage;
import no.vern.audit.AuditRecord;
import no.vern.audit.AuditTrail;
import no.vern.audit.AuditVerification;
import no.vern.audit.Outcome;
import no.vern.shared.InvalidInput;
import no.vern.shared.VernClock;

/**
 * The console's audit log viewer for the privacy officer and auditors: filters, paging, seal
 * status, and "verify now" with the latest verification results.
 */
@Controller
class AuditConsoleController {

    static final String VIEW = "audit/log";
    static final String PATH = "/console/audit";
    static final String ROLES = "hasAnyRole('PRIVACY_OFFICER','AUDITOR')";
    static final int PAGE_SIZE = 50;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The filter form as typed (dates in Europe/Oslo), re-rendered with the results. */
    record Filters(@Nullable String actor, @Nullable String action, @Nullable String target,
            @Nullable Outcome outcome, @Nullable LocalDate from, @Nullable LocalDate to) {

        AuditFilter toFilter() {
            Instant start = from == null ? null : from.atStartOfDay(VernClock.ZONE).toInstant();
            Instant end = to == null ? null : to.plusDays(1).atStartOfDay(VernClock.ZONE).toInstant();
            return new AuditFilter(actor, action, target, outcome, start, end);
        }

        String href(int page) {
            var uri = UriComponentsBuilder.fromPath(PATH);
            add(uri, "actor", actor);
            add(uri, "action", action);
            add(uri, "target", target);
            add(uri, "outcome", outcome);
            add(uri, "from", from);
            add(uri, "to", to);
            if (page > 0) {
                uri.queryParam("page", page);
            }
            return uri.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder uri, String name, @Nullable Object value) {
            if (value != null && !value.toString().isBlank()) {
                uri.queryParam(name, value);
            }
        }
    }

    /** One table row: the entry with its time in Oslo local time as well as the instant. */
    record Row(AuditRecord entry, String local) {
    }

    private final AuditTrail trail;
    private final AuditChain chain;
    private final MessageSource messages;

    AuditConsoleController(AuditTrail trail, AuditChain chain, MessageSource messages) {
        this.trail = trail;
        this.chain = chain;
        this.messages = messages;
    }

    @GetMapping(PATH)
    @PreAuthorize(ROLES)
    String log(@RequestParam(required = false) @Nullable String actor,
            @RequestParam(required = false) @Nullable String action,
            @RequestParam(required = false) @Nullable String target,
            @RequestParam(required = false) @Nullable Outcome outcome,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to,
            @RequestParam(defaultValue = "0") int page, Model model) {
        var filters = new Filters(actor, action, target, outcome, from, to);
        model.addAttribute("filters", filters);
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("verifications", chain.recentVerifications(5));
        model.addAttribute("unsealed", chain.unsealedCount());
        try {
            AuditPage result = trail.search(filters.toFilter(), Math.max(0, page), PAGE_SIZE);
            List<Row> rows = result.entries().stream()
                    .map(e -> new Row(e, LOCAL.format(e.occurredAt().atZone(VernClock.ZONE)))).toList();
            model.addAttribute("rows", rows);
            model.addAttribute("page", result);
            model.addAttribute("previousHref", result.hasPrevious() ? filters.href(result.page() - 1) : null);
            model.addAttribute("nextHref", result.hasNext() ? filters.href(result.page() + 1) : null);
        } catch (InvalidInput invalid) {
            model.addAttribute("rows", List.of());
            model.addAttribute("filterErrors", invalid.errors().stream().map(InvalidInput.FieldError::field).toList());
        }
        return VIEW;
    }

    @PostMapping(PATH + "/verify")
    @PreAuthorize(ROLES)
    String verify(RedirectAttributes redirect) {
        AuditVerification result = chain.verify();
        var locale = LocaleContextHolder.getLocale();
        String text = result.ok()
                ? messages.getMessage("audit.verify.flash.ok", new Object[] { result.entriesChecked() }, locale)
                : messages.getMessage("audit.verify.flash.broken",
                        new Object[] { Objects.requireNonNull(result.firstBrokenLink()).chainSeq() }, locale);
        redirect.addFlashAttribute("flash", text);
        return "redirect:" + PATH;
    }
}
