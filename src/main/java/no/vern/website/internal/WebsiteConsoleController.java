package no.vern.website.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.shared.DayChart;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.NotFound;
import no.vern.shared.VernClock;
import no.vern.shared.VernProblem;

/**
 * The website pages of the staff console: the anonymous statistics dashboard with consent rates,
 * the consent log export, and the registered sites (S16-S18).
 */
@Controller
class WebsiteConsoleController {

    static final String DASHBOARD = "website/dashboard";
    static final String SITES = "website/sites";
    static final String READ = "hasAnyRole('PRIVACY_OFFICER','MARKETING','AUDITOR')";
    static final String MANAGE = "hasRole('PRIVACY_OFFICER')";
    private static final List<Integer> PERIODS = List.of(7, 30, 90);

    private final Sites sites;
    private final Statistics statistics;
    private final ConsentProofs proofs;
    private final ConsentProofPurge proofPurge;
    private final AuditLog audit;
    private final Clock clock;
    private final String baseUrl;
    private final SiteStorage storage;
    private final Labels labels;
    private final org.springframework.context.MessageSource messages;

    WebsiteConsoleController(Sites sites, SiteStorage storage, Statistics statistics, ConsentProofs proofs,
            ConsentProofPurge proofPurge,
            AuditLog audit, Clock clock, @Value("${vern.base-url}") String baseUrl, Labels labels,
            org.springframework.context.MessageSource messages) {
        this.labels = labels;
        this.messages = messages;
        this.proofPurge = proofPurge;
        this.storage = storage;
        this.baseUrl = baseUrl;
        this.sites = sites;
        this.statistics = statistics;
        this.proofs = proofs;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/console/website")
    @PreAuthorize(READ)
    String dashboard(@RequestParam(required = false) @Nullable String site,
            @RequestParam(defaultValue = "30") int days, @RequestParam(defaultValue = "day") String group,
            Model model) {
        int period = PERIODS.contains(days) ? days : 30;
        boolean weekly = "week".equals(group);
        LocalDate today = LocalDate.now(clock.withZone(VernClock.ZONE));
        LocalDate from = today.minusDays(period - 1L);
        List<Site> all = sites.all();
        Optional<Site> selected = all.stream().filter(s -> s.id().toString().equals(site)).findFirst()
                .or(() -> all.stream().filter(Site::demo).findFirst()).or(() -> all.stream().findFirst());
        model.addAttribute("sites", all);
        model.addAttribute("selected", selected.orElse(null));
        model.addAttribute("periods", PERIODS);
        model.addAttribute("days", period);
        model.addAttribute("weekly", weekly);
        selected.ifPresent(s -> {
            Statistics.Summary summary = statistics.summary(s.id(), from, today, weekly);
            model.addAttribute("summary", summary);
            // Views as bars, visitors as a line; the last day or week runs until today, so it is marked as incomplete.
            model.addAttribute("chart", DayChart.of(summary.series().stream().map(Statistics.Period::start).toList(),
                    List.of(summary.series().stream().map(Statistics.Period::views).toList()),
                    List.of(summary.series().stream().map(Statistics.Period::visitors).toList()), true));
        });
        model.addAttribute("rates", proofs.rates(from));
        model.addAttribute("consentDays", proofs.perDay(from));
        // What the page says about deleting proofs is the rule the purge applies, read from the same place.
        model.addAttribute("proofRule", proofPurge.rule().orElse(null));
        model.addAttribute("proofPurpose", ConsentProofPurge.PURPOSE);
        model.addAttribute("proofCategory", ConsentProofPurge.CATEGORY);
        return DASHBOARD;
    }

    @GetMapping("/console/website/consents.csv")
    @PreAuthorize(READ)
    void exportConsents(HttpServletResponse response) throws IOException {
        audit.record(AuditEvent.of("website.consent.export", Outcome.SUCCESS).withPurpose("website-statistics"));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"vern-consent-log.csv\"");
        Map<UUID, String> origins = sites.all().stream().collect(Collectors.toMap(Site::id, Site::origin,
                (a, b) -> a));
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        proofs.exportCsv(out, origins);
        out.flush();
    }

    /** Why a form was refused, in the page's language: the field by its label and the reason from its code. */
    private String why(VernProblem problem) {
        if (problem instanceof InvalidInput invalid && !invalid.errors().isEmpty()) {
            InvalidInput.FieldError first = invalid.errors().get(0);
            java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            return messages.getMessage("website.field." + first.field(), null, first.field(), locale) + " "
                    + labels.error(first);
        }
        return labels.problem(problem);
    }

    @GetMapping("/console/website/sites")
    @PreAuthorize(READ)
    String sites(Model model, Authentication auth) {
        siteModel(model, auth);
        return SITES;
    }

    @PostMapping("/console/website/sites")
    @PreAuthorize(MANAGE)
    String register(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String origin,
            Model model, Authentication auth, RedirectAttributes redirect) {
        try {
            Site site = sites.register(name, origin, false);
            audit.record(AuditEvent.of("website.site.register", Outcome.SUCCESS).withTargets("site:" + site.id()));
            redirect.addFlashAttribute("flashKey", "website.sites.registered");
            return "redirect:/console/website/sites";
        } catch (VernProblem problem) {
            siteModel(model, auth);
            model.addAttribute("error", why(problem));
            model.addAttribute("name", name);
            model.addAttribute("origin", origin);
            return SITES;
        }
    }

    /** Declares what a site's own scripts keep on the device, for the cookie declaration (ekomloven § 3-15). */
    @PostMapping("/console/website/sites/{siteId}/storage")
    @PreAuthorize(MANAGE)
    String declareStorage(@PathVariable UUID siteId, @RequestParam Map<String, String> form, Model model,
            Authentication auth, RedirectAttributes redirect) {
        Site site = sites.byId(siteId).orElseThrow(() -> new NotFound("site", siteId.toString()));
        try {
            String days = form.getOrDefault("maxAgeDays", "").strip();
            CookieDeclaration.Lifetime lifetime;
            try {
                lifetime = CookieDeclaration.Lifetime.valueOf(form.getOrDefault("lifetime", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("lifetime", "must be FIXED, SESSION or UNTIL_WITHDRAWN", "website.error.lifetime");
            }
            Integer maxAge;
            try {
                maxAge = days.isEmpty() ? null : Integer.valueOf(days);
            } catch (NumberFormatException e) {
                throw new InvalidInput("maxAgeDays", "must be a whole number of days", "website.error.wholeDays");
            }
            SiteStorage.Declared entry = new SiteStorage.Declared(UUID.randomUUID(), site.id(),
                    form.getOrDefault("category", ""), form.getOrDefault("type", ""), form.getOrDefault("name", "").strip(),
                    form.getOrDefault("provider", ""), lifetime, maxAge, form.containsKey("firstParty"),
                    form.getOrDefault("purposeNb", ""), form.getOrDefault("purposeEn", ""));
            storage.add(entry);
            audit.record(AuditEvent.of("website.site.storage.declare", Outcome.SUCCESS)
                    .withTargets("site:" + site.id(), "site-storage:" + entry.id()));
            redirect.addFlashAttribute("flashKey", "website.storage.added");
            return "redirect:/console/website/sites";
        } catch (VernProblem problem) {
            siteModel(model, auth);
            model.addAttribute("storageError", why(problem));
            model.addAttribute("storageSite", site.id());
            model.addAttribute("storageForm", form);
            return SITES;
        }
    }

    /** Removes a declared entry of a site. */
    @PostMapping("/console/website/sites/{siteId}/storage/{id}/delete")
    @PreAuthorize(MANAGE)
    String removeStorage(@PathVariable UUID siteId, @PathVariable UUID id, RedirectAttributes redirect) {
        if (!storage.remove(siteId, id)) {
            throw new NotFound("site storage", id.toString());
        }
        audit.record(AuditEvent.of("website.site.storage.remove", Outcome.SUCCESS)
                .withTargets("site:" + siteId, "site-storage:" + id));
        redirect.addFlashAttribute("flashKey", "website.storage.removed");
        return "redirect:/console/website/sites";
    }

    private void siteModel(Model model, Authentication auth) {
        model.addAttribute("sites", sites.all());
        Map<UUID, List<SiteStorage.Declared>> declared = new java.util.LinkedHashMap<>();
        storage.all().forEach(d -> declared.computeIfAbsent(d.siteId(), k -> new java.util.ArrayList<>()).add(d));
        model.addAttribute("storage", declared);
        model.addAttribute("categories", CookieDeclaration.CATEGORIES);
        model.addAttribute("lifetimes", CookieDeclaration.Lifetime.values());
        model.addAttribute("baseUrl", baseUrl);
        model.addAttribute("canManage", auth.getAuthorities().stream()
                .anyMatch(a -> "ROLE_PRIVACY_OFFICER".equals(a.getAuthority())));
    }
}
