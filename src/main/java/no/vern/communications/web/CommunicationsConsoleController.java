package no.vern.communications.web;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.communications.ActivityDay;
import no.vern.communications.Campaign;
import no.vern.communications.CampaignDraft;
import no.vern.communications.Communications;
import no.vern.communications.ListKind;
import no.vern.communications.MailingList;
import no.vern.communications.NewList;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.processing.SubjectKind;
import no.vern.shared.Actors;
import no.vern.shared.DayChart;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/**
 * The communications console: lists with audience counts, the campaign composer with a preview in both
 * languages, sending, and each campaign's report, with a chart of sends and objections over 30 days.
 * Shows counts and texts only, never who is on a list.
 */
@Controller
class CommunicationsConsoleController {

    static final String OVERVIEW = "communications/overview";
    static final String LIST = "communications/list";
    static final String CAMPAIGN = "communications/campaign";
    static final String READERS = "hasAnyRole('PRIVACY_OFFICER','MARKETING','AUDITOR')";
    static final String WRITERS = "hasAnyRole('PRIVACY_OFFICER','MARKETING')";
    static final String SAMPLE_NAME = "Kari Nordmann";

    /** The new-list form as typed. */
    record ListForm(@Nullable String name, @Nullable String kind, @Nullable String purposeKey, @Nullable List<String> kinds) {
    }

    /** The composer as typed. */
    record CampaignForm(@Nullable String subjectNb, @Nullable String subjectEn, @Nullable String bodyNb,
            @Nullable String bodyEn) {
    }

    private final Communications communications;
    private final ProcessingRecord processing;

    CommunicationsConsoleController(Communications communications, ProcessingRecord processing) {
        this.communications = communications;
        this.processing = processing;
    }

    @GetMapping("/console/communications")
    @PreAuthorize(READERS)
    String overview(Model model, Locale locale) {
        return overview(model, locale, new ListForm(null, "NEWSLETTER", "newsletter", null), Map.of());
    }

    @PostMapping("/console/communications/lists")
    @PreAuthorize(WRITERS)
    String createList(@ModelAttribute ListForm form, Model model, Locale locale, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        ListKind kind = parse(ListKind.class, form.kind());
        Set<SubjectKind> kinds = EnumSet.noneOf(SubjectKind.class);
        if (form.kinds() != null) {
            form.kinds().forEach(k -> {
                SubjectKind parsed = parse(SubjectKind.class, k);
                if (parsed != null) {
                    kinds.add(parsed);
                }
            });
        }
        try {
            MailingList list = communications.createList(new NewList(form.name() == null ? "" : form.name(), kind,
                    form.purposeKey() == null ? "" : form.purposeKey(), kinds));
            redirect.addFlashAttribute("flashKey", "communications.list.created");
            return "redirect:/console/communications/lists/" + list.id();
        } catch (InvalidInput e) {
            e.errors().forEach(err -> errors.put(err.field(), "communications.error." + err.field()));
            return overview(model, locale, form, errors);
        }
    }

    @GetMapping("/console/communications/lists/{id}")
    @PreAuthorize(READERS)
    String list(@PathVariable String id, Model model, Locale locale) {
        return listPage(uuid(id), model, locale, new CampaignForm("", "", "Hei {{name}},\n\n", "Hi {{name}},\n\n"), Map.of());
    }

    @PostMapping("/console/communications/lists/{id}/campaigns")
    @PreAuthorize(WRITERS)
    String compose(@PathVariable String id, @ModelAttribute CampaignForm form, Model model, Locale locale,
            RedirectAttributes redirect) {
        UUID listId = uuid(id);
        try {
            Campaign c = communications.compose(new CampaignDraft(listId, orEmpty(form.subjectNb()),
                    orEmpty(form.subjectEn()), orEmpty(form.bodyNb()), orEmpty(form.bodyEn())));
            redirect.addFlashAttribute("flashKey", "communications.campaign.composed");
            return "redirect:/console/communications/campaigns/" + c.id();
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(err -> errors.put(err.field(), "communications.error." + err.field()));
            return listPage(listId, model, locale, form, errors);
        }
    }

    @GetMapping("/console/communications/campaigns/{id}")
    @PreAuthorize(READERS)
    String campaign(@PathVariable String id, Model model, Locale locale) {
        Campaign c = communications.campaign(uuid(id));
        MailingList list = communications.list(c.listId());
        model.addAttribute("campaign", c);
        model.addAttribute("list", list);
        model.addAttribute("report", communications.report(c.id()));
        model.addAttribute("previewNb", preview(c.bodyNb()));
        model.addAttribute("previewEn", preview(c.bodyEn()));
        model.addAttribute("draft", c.status() == Campaign.Status.DRAFT);
        model.addAttribute("canWrite", canWrite());
        model.addAttribute("audience", communications.preview(list.id()));
        return CAMPAIGN;
    }

    @PostMapping("/console/communications/campaigns/{id}/send")
    @PreAuthorize(WRITERS)
    String send(@PathVariable String id, RedirectAttributes redirect) {
        Campaign c = communications.queue(uuid(id));
        redirect.addFlashAttribute("flashKey", "communications.campaign.queued");
        return "redirect:/console/communications/campaigns/" + c.id();
    }

    private String overview(Model model, Locale locale, ListForm form, Map<String, String> errors) {
        model.addAttribute("canWrite", canWrite());
        model.addAttribute("lists", communications.lists());
        model.addAttribute("campaigns", communications.campaigns());
        model.addAttribute("listNames", listNames());
        model.addAttribute("purposes", purposes(locale));
        model.addAttribute("subjectKinds", SubjectKind.values());
        model.addAttribute("listKinds", ListKind.values());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        List<ActivityDay> days = communications.activity(30);
        model.addAttribute("days", days);
        model.addAttribute("chart", chart(days));
        return OVERVIEW;
    }

    private String listPage(UUID listId, Model model, Locale locale, CampaignForm form, Map<String, String> errors) {
        MailingList list = communications.list(listId);
        model.addAttribute("canWrite", canWrite());
        model.addAttribute("list", list);
        model.addAttribute("purposeName", purposes(locale).getOrDefault(list.purposeKey(), list.purposeKey()));
        model.addAttribute("audience", communications.preview(listId));
        model.addAttribute("campaigns", communications.campaigns().stream().filter(c -> c.listId().equals(listId)).toList());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return LIST;
    }

    private Map<UUID, String> listNames() {
        Map<UUID, String> names = new LinkedHashMap<>();
        communications.lists().forEach(l -> names.put(l.id(), l.name()));
        return names;
    }

    private Map<String, String> purposes(Locale locale) {
        Map<String, String> names = new LinkedHashMap<>();
        for (Purpose p : processing.current().document().purposes()) {
            names.put(p.key(), p.name().in(locale));
        }
        return names;
    }

    /** Whether the current user may create lists and send (the page hides forms it would refuse). */
    static boolean canWrite() {
        return Actors.hasAnyAuthority("ROLE_PRIVACY_OFFICER", "ROLE_MARKETING");
    }

    static String preview(String body) {
        return body.replace("{{name}}", SAMPLE_NAME);
    }

    /** Sends and objections per day as two bar series; today is not over, so it is marked rather than drawn as a drop. */
    static DayChart chart(List<ActivityDay> days) {
        return DayChart.of(days.stream().map(ActivityDay::day).toList(),
                List.of(days.stream().map(ActivityDay::sent).toList(), days.stream().map(ActivityDay::objections).toList()),
                List.of(), true);
    }

    private static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFound("Item", id);
        }
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }
}
