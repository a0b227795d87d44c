package no.vern.console.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import no.vern.console.DemoMailServer;
import no.vern.shared.NotFound;

/** Shows the mail that the demo's local mail server received, so a newcomer sees what Vern sends. */
@Controller
class DemoMailController {

    static final String LIST_VIEW = "console/mail";
    static final String MESSAGE_VIEW = "console/mail-message";

    private final DemoMailServer mail;

    DemoMailController(DemoMailServer mail) {
        this.mail = mail;
    }

    @GetMapping("/console/mail")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String list(Model model) {
        model.addAttribute("running", mail.isRunning());
        model.addAttribute("messages", mail.received());
        return LIST_VIEW;
    }

    @GetMapping("/console/mail/{index}")
    @PreAuthorize("hasRole('PRIVACY_OFFICER')")
    String message(@PathVariable int index, Model model) {
        model.addAttribute("message", mail.message(index).orElseThrow(() -> new NotFound("Message", index)));
        return MESSAGE_VIEW;
    }
}
