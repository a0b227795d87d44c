package no.vern.assessments.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.assessments.AssessmentRegister;
import no.vern.assessments.Dpia;
import no.vern.assessments.DpiaContent;
import no.vern.assessments.DpiaDecision;
import no.vern.assessments.EdpbCriterion;
import no.vern.assessments.ListedProcessing;
import no.vern.assessments.Risk;
import no.vern.assessments.RiskLevel;
import no.vern.assessments.Screening;
import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.FormFields;
import no.vern.shared.InvalidInput;
import no.vern.shared.Labels;
import no.vern.shared.NotFound;

/**
 * Screenings and DPIAs in the console: the privacy officer screens every activity and writes the assessments; the
 * auditor reads them. A DPIA is never edited in place: saving writes a new version.
 */
@Controller
class AssessmentConsoleController {

    static final String READ = "hasAnyRole('PRIVACY_OFFICER','AUDITOR')";
    static final String WRITE = "hasRole('PRIVACY_OFFICER')";
    static final int RISK_ROWS = 6;

    private final AssessmentRegister register;
    private final ProcessingRecord record;
    private final Labels labels;

    AssessmentConsoleController(AssessmentRegister register, ProcessingRecord record, Labels labels) {
        this.labels = labels;
        this.register = register;
        this.record = record;
    }

    /** An activity's line on the overview. */
    public record Line(Activity activity, @Nullable Screening screening, List<Dpia> dpias) {
    }

    /** A risk row as typed. */
    public record RiskRow(String description, String likelihood, String severity, String measures) {
    }

    /** The DPIA form as typed. */
    public record DpiaForm(String activity, int basedOnVersion, String title, String description, String necessity,
            List<RiskRow> risks, String measures, String residualRisk, String dpoAdvice, String decision,
            String decisionNote, String consultedOn, String reviewOn) {

        static DpiaForm empty(String activity) {
            return new DpiaForm(activity, 0, "", "", "", rows(List.of()), "", "", "", "PENDING", "", "", "");
        }

        static DpiaForm of(Dpia d) {
            DpiaContent c = d.content();
            return new DpiaForm(d.activityId(), d.version(), c.title(), c.description(), c.necessity(),
                    rows(c.risks().stream().map(r -> new RiskRow(r.description(), String.valueOf(r.likelihood()),
                            String.valueOf(r.severity()), r.measures())).toList()), c.measures(),
                    c.residualRisk() == null ? "" : c.residualRisk().name(), c.dpoAdvice(),
                    c.decision() == null ? "" : c.decision().name(), c.decisionNote(),
                    c.consultedOn() == null ? "" : c.consultedOn().toString(),
                    c.reviewOn() == null ? "" : c.reviewOn().toString());
        }

        /** The typed rows plus empty ones, so there is always room for one more risk. */
        static List<RiskRow> rows(List<RiskRow> typed) {
            List<RiskRow> rows = new ArrayList<>(typed);
            while (rows.size() < RISK_ROWS || rows.size() < typed.size() + 1) {
                rows.add(new RiskRow("", "", "", ""));
            }
            return List.copyOf(rows);
        }
    }

    @GetMapping("/console/assessments")
    @PreAuthorize(READ)
    String overview(Model model) {
        List<Dpia> dpias = register.dpias();
        Map<String, Screening> screenings = new LinkedHashMap<>();
        register.screenings().forEach(s -> screenings.put(s.activityId(), s));
        model.addAttribute("lines", record.current().document().activities().stream()
                .map(a -> new Line(a, screenings.get(a.id()), dpias.stream().filter(d -> d.activityId().equals(a.id())).toList()))
                .toList());
        model.addAttribute("listed", ListedProcessing.values());
        model.addAttribute("criteria", EdpbCriterion.values());
        model.addAttribute("officer", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER"));
        return "assessments/overview";
    }

    @PostMapping("/console/assessments/screenings/{activityId}")
    @PreAuthorize(WRITE)
    String screen(@PathVariable String activityId,
            @RequestParam(name = "listed", required = false) @Nullable List<ListedProcessing> listed,
            @RequestParam(name = "criteria", required = false) @Nullable List<EdpbCriterion> criteria,
            @RequestParam(defaultValue = "") String note, RedirectAttributes redirect) {
        Set<ListedProcessing> l = listed == null || listed.isEmpty() ? EnumSet.noneOf(ListedProcessing.class) : EnumSet.copyOf(listed);
        Set<EdpbCriterion> c = criteria == null || criteria.isEmpty() ? EnumSet.noneOf(EdpbCriterion.class) : EnumSet.copyOf(criteria);
        Screening s = register.screen(activityId, l, c, note);
        redirect.addFlashAttribute("flashKey", s.dpiaRequired() ? "assessments.screened.required" : "assessments.screened.notRequired");
        return "redirect:/console/assessments";
    }

    @GetMapping("/console/assessments/dpias/new")
    @PreAuthorize(WRITE)
    String newDpia(@RequestParam(defaultValue = "") String activity, Model model) {
        return formView(model, null, DpiaForm.empty(activity), Map.of());
    }

    @PostMapping("/console/assessments/dpias")
    @PreAuthorize(WRITE)
    String create(@RequestParam Map<String, String> params, @RequestParam(name = "riskDescription", required = false) @Nullable List<String> rd,
            @RequestParam(name = "riskLikelihood", required = false) @Nullable List<String> rl,
            @RequestParam(name = "riskSeverity", required = false) @Nullable List<String> rs,
            @RequestParam(name = "riskMeasures", required = false) @Nullable List<String> rm, Model model,
            RedirectAttributes redirect) {
        DpiaForm form = form(params, rd, rl, rs, rm);
        FormFields fields = new FormFields(params);
        try {
            Dpia d = register.create(form.activity(), content(form, fields));
            redirect.addFlashAttribute("flashKey", "assessments.dpia.saved");
            return "redirect:/console/assessments/dpias/" + d.id();
        } catch (InvalidInput e) {
            fields.add(e);
        } catch (NotFound e) {
            fields.reject("activity", "choose an activity of the record", "assessments.error.activity");
        }
        return formView(model, null, form, labels.errors(fields.errors()));
    }

    @GetMapping("/console/assessments/dpias/{id}")
    @PreAuthorize(READ)
    String show(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version, Model model) {
        Dpia newest = register.dpia(id).orElseThrow(() -> new NotFound("DPIA", id));
        Dpia shown = version == null ? newest : register.dpia(id, version).orElseThrow(() -> new NotFound("DPIA version", version));
        model.addAttribute("shown", shown);
        model.addAttribute("latest", shown.version() == newest.version());
        model.addAttribute("versions", register.versions(id));
        model.addAttribute("screening", register.screening(shown.activityId()).orElse(null));
        return formView(model, newest, DpiaForm.of(newest), Map.of());
    }

    @PostMapping("/console/assessments/dpias/{id}")
    @PreAuthorize(WRITE)
    String revise(@PathVariable UUID id, @RequestParam Map<String, String> params,
            @RequestParam(name = "riskDescription", required = false) @Nullable List<String> rd,
            @RequestParam(name = "riskLikelihood", required = false) @Nullable List<String> rl,
            @RequestParam(name = "riskSeverity", required = false) @Nullable List<String> rs,
            @RequestParam(name = "riskMeasures", required = false) @Nullable List<String> rm, Model model,
            RedirectAttributes redirect) {
        Dpia newest = register.dpia(id).orElseThrow(() -> new NotFound("DPIA", id));
        DpiaForm form = form(params, rd, rl, rs, rm);
        FormFields fields = new FormFields(params);
        try {
            register.revise(id, form.basedOnVersion(), content(form, fields));
            redirect.addFlashAttribute("flashKey", "assessments.dpia.saved");
            return "redirect:/console/assessments/dpias/" + id;
        } catch (InvalidInput e) {
            fields.add(e);
        } catch (Conflict e) {
            fields.reject("basedOnVersion", String.valueOf(e.getMessage()), "problem." + e.slug());
        }
        Map<String, String> errors = labels.errors(fields.errors());
        model.addAttribute("shown", newest);
        model.addAttribute("latest", true);
        model.addAttribute("versions", register.versions(id));
        model.addAttribute("screening", register.screening(newest.activityId()).orElse(null));
        return formView(model, newest, form, errors);
    }

    @GetMapping("/console/assessments/dpias/{id}/pdf")
    @PreAuthorize(READ)
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, @RequestParam(required = false) @Nullable Integer version,
            Locale locale) {
        int v = version != null ? version : register.dpia(id).orElseThrow(() -> new NotFound("DPIA", id)).version();
        byte[] body = register.pdf(id, v, locale);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("dpia-" + id + "-v" + v + ".pdf").build().toString())
                .body(body);
    }

    private String formView(Model model, @Nullable Dpia newest, DpiaForm form, Map<String, String> errors) {
        model.addAttribute("dpia", newest);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("activities", record.current().document().activities());
        model.addAttribute("levels", RiskLevel.values());
        model.addAttribute("decisions", DpiaDecision.values());
        model.addAttribute("officer", Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER"));
        if (!model.containsAttribute("shown")) {
            model.addAttribute("shown", null);
            model.addAttribute("latest", true);
            model.addAttribute("versions", List.of());
            model.addAttribute("screening", null);
        }
        return "assessments/dpia";
    }

    private static DpiaForm form(Map<String, String> params, @Nullable List<String> rd, @Nullable List<String> rl,
            @Nullable List<String> rs, @Nullable List<String> rm) {
        List<RiskRow> rows = new ArrayList<>();
        int n = rd == null ? 0 : rd.size();
        for (int i = 0; i < n; i++) {
            RiskRow row = new RiskRow(at(rd, i), at(rl, i), at(rs, i), at(rm, i));
            if (!(row.description().isBlank() && row.measures().isBlank())) {
                rows.add(row);
            }
        }
        int based;
        try {
            based = Integer.parseInt(FormFields.text(params, "basedOnVersion").strip());
        } catch (NumberFormatException e) {
            based = 0;
        }
        FormFields fields = new FormFields(params);
        return new DpiaForm(fields.text("activity"), based, fields.text("title"), fields.text("description"),
                fields.text("necessity"), DpiaForm.rows(rows), fields.text("measures"), fields.text("residualRisk"),
                fields.text("dpoAdvice"), fields.text("decision"), fields.text("decisionNote"), fields.text("consultedOn"),
                fields.text("reviewOn"));
    }

    private static DpiaContent content(DpiaForm form, FormFields fields) {
        List<Risk> risks = new ArrayList<>();
        for (RiskRow row : form.risks()) {
            if (row.description().isBlank() && row.measures().isBlank()) {
                continue;
            }
            risks.add(new Risk(row.description(), number(row.likelihood()), number(row.severity()), row.measures()));
        }
        LocalDate consulted = fields.date("consultedOn", form.consultedOn());
        LocalDate review = fields.date("reviewOn", form.reviewOn());
        DpiaContent content = new DpiaContent(form.title(), form.description(), form.necessity(), risks, form.measures(),
                FormFields.enumOf(RiskLevel.class, form.residualRisk()), form.dpoAdvice(), FormFields.enumOf(DpiaDecision.class, form.decision()),
                form.decisionNote(), consulted, review);
        fields.throwIfInvalid(content::validate);
        return content;
    }

    private static int number(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String at(@Nullable List<String> list, int i) {
        return list == null || i >= list.size() || list.get(i) == null ? "" : list.get(i);
    }
}
