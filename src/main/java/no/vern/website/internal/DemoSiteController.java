package no.vern.website.internal;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sample company site Vern serves itself (static pages under {@code /demo-site/}) so that a
 * newcomer sees the banner and statistics working right after start. Its pages are plain static
 * files: rendering them with a session-bound template would set a cookie before any choice.
 */
@Controller
class DemoSiteController {

    @GetMapping("/demo-site")
    String root() {
        return "redirect:/demo-site/";
    }

    @GetMapping("/demo-site/")
    String index() {
        return "forward:/demo-site/index.html";
    }
}
