package no.vern.website.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/**
 * The public cookie declaration (ekomloven § 3-15, S18) at {@code /site/cookies}: the table of the banner
 * configuration for company sites to link to, in Norwegian or English ({@code ?lang=}, else the browser's
 * {@code Accept-Language}), optionally naming the registered site it is shown for ({@code ?site=<id>}).
 */
@Controller
class CookieDeclarationController {

    static final String VIEW = "website/cookies";

    private final CookieDeclaration declaration;
    private final Sites sites;

    CookieDeclarationController(CookieDeclaration declaration, Sites sites) {
        this.declaration = declaration;
        this.sites = sites;
    }

    @GetMapping("/site/cookies")
    @PreAuthorize("permitAll()")
    String cookies(@RequestParam(name = "lang", required = false) @Nullable String lang,
            @RequestParam(name = "site", required = false) @Nullable String site, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        Locale locale = "en".equals(lang) || (!"nb".equals(lang) && "en".equals(request.getLocale().getLanguage()))
                ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        // The language is this request's only; the page itself sets nothing on the device.
        request.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, locale);
        response.setLocale(locale);
        Optional<Site> shownFor = site == null || site.isBlank() ? Optional.empty() : Optional.of(site(site));
        String controller = declaration.controller();
        model.addAttribute("rows", declaration.rows(controller, locale, shownFor.orElse(null)));
        model.addAttribute("controller", controller);
        model.addAttribute("site", shownFor.orElse(null));
        model.addAttribute("statisticsUseCookies", CookieDeclaration.statisticsUseCookies());
        model.addAttribute("currentPath", "/site/cookies");
        model.addAttribute("policyUrl", locale.getLanguage().equals("en") ? "/privacy" : "/personvern");
        return VIEW;
    }

    private Site site(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("site", "must be the id of a registered site", "website.error.site");
        }
        return sites.byId(uuid).orElseThrow(() -> new NotFound("site", id));
    }
}
