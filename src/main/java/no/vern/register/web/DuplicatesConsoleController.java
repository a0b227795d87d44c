package no.vern.register.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import no.vern.register.SubjectRegister;
import no.vern.shared.Labels;
import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;

/**
 * Possible duplicates in the console (issue 20, item 5): subjects that share an email address or phone
 * number (blind index; the shared value is never shown), and the merge of two of them into one by the
 * privacy officer or a case handler (records re-encrypted under the survivor, the other key shredded).
 */
@Controller
class DuplicatesConsoleController {

    static final String VIEW = "register/duplicates";
    private static final int LIMIT = 200;

    private final SubjectRegister register;
    private final Labels labels;

    DuplicatesConsoleController(SubjectRegister register, Labels labels) {
        this.labels = labels;
        this.register = register;
    }

    @GetMapping("/console/register/duplicates")
    @PreAuthorize(RegisterConsoleController.ERASERS)
    String duplicates(Model model) {
        model.addAttribute("groups", register.possibleDuplicates(LIMIT));
        return VIEW;
    }

    @PostMapping("/console/register/duplicates/merge")
    @PreAuthorize(RegisterConsoleController.ERASERS)
    String merge(@RequestParam String survivor, @RequestParam String other, Model model,
            RedirectAttributes redirect) {
        try {
            SubjectId kept = register.merge(SubjectId.parse(survivor), SubjectId.parse(other));
            redirect.addFlashAttribute("flashKey", "register.merge.done");
            return "redirect:/console/register/subjects/" + kept + "/history";
        } catch (VernProblem e) {
            model.addAttribute("mergeError", labels.problem(e));
            return duplicates(model);
        }
    }
}
