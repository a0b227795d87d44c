package no.vern.identity.internal;

import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.StaffAccount;
import no.vern.shared.NotFound;

/**
 * Every staff member's own second factor (RFC 6238 TOTP): set it up (the secret is shown once, as the
 * {@code otpauth://} URI and in base32, on the answer to "set up" only), switch it on by typing a code from the app,
 * and switch it off with a current code. Codes typed here count against the same progressive delay as the login,
 * so a borrowed session cannot guess its way to switching the factor off. Each change is audited.
 */
@Controller
@RequestMapping("/console/identity/two-factor")
@PreAuthorize("hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER', 'SALES', 'RECRUITER', 'MARKETING', 'AUDITOR')")
class TwoFactorController {

    static final String VIEW = "identity/two-factor";

    private final StaffUsers users;
    private final TotpSecrets totp;
    private final FailureLimits limits;
    private final AuditLog audit;
    private final Clock clock;

    TwoFactorController(StaffUsers users, TotpSecrets totp, FailureLimits limits, AuditLog audit, Clock clock) {
        this.users = users;
        this.totp = totp;
        this.limits = limits;
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER', 'SALES', 'RECRUITER', 'MARKETING', 'AUDITOR')")
    String page(Authentication authentication, Model model) {
        return render(me(authentication), model, null, null);
    }

    @PostMapping("/start")
    @PreAuthorize("hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER', 'SALES', 'RECRUITER', 'MARKETING', 'AUDITOR')")
    String start(Authentication authentication, Model model, HttpServletResponse response) {
        StaffAccount me = me(authentication);
        Optional<byte[]> secret = totp.enrol(me.id());
        if (secret.isEmpty()) {
            return render(me, model, null, "identity.twoFactor.alreadyOn");
        }
        audit.record(AuditEvent.of("identity.two-factor.enrolment-started", Outcome.SUCCESS).withTargets("user:" + me.id()));
        // The secret is on this answer only: never cached, never shown again.
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("secretUri", Totp.uri(me.username(), secret.get()));
        model.addAttribute("secretBase32", Totp.base32(secret.get()).replaceAll("(.{4})(?!$)", "$1 "));
        return render(me, model, "confirm", null);
    }

    @PostMapping("/confirm")
    @PreAuthorize("hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER', 'SALES', 'RECRUITER', 'MARKETING', 'AUDITOR')")
    String confirm(@RequestParam(defaultValue = "") String code, Authentication authentication, HttpServletRequest request,
            Model model, RedirectAttributes redirect) {
        StaffAccount me = me(authentication);
        if (!limits.tryReserve(request.getRemoteAddr(), me.username())) {
            return render(me, model, "confirm", "identity.twoFactor.wait");
        }
        if (!totp.confirm(me.id(), code)) {
            audit.record(AuditEvent.of("identity.two-factor.enabled", Outcome.DENIED).withTargets("user:" + me.id()));
            return render(me, model, "confirm", "identity.twoFactor.wrongCode");
        }
        limits.succeeded(request.getRemoteAddr(), me.username());
        audit.record(AuditEvent.of("identity.two-factor.enabled", Outcome.SUCCESS).withTargets("user:" + me.id()));
        redirect.addFlashAttribute("flashKey", "identity.twoFactor.enabledFlash");
        return "redirect:/console/identity/two-factor";
    }

    @PostMapping("/disable")
    @PreAuthorize("hasAnyRole('PRIVACY_OFFICER', 'CASE_HANDLER', 'SALES', 'RECRUITER', 'MARKETING', 'AUDITOR')")
    String disable(@RequestParam(defaultValue = "") String code, Authentication authentication, HttpServletRequest request,
            Model model, RedirectAttributes redirect) {
        StaffAccount me = me(authentication);
        if (!limits.tryReserve(request.getRemoteAddr(), me.username())) {
            return render(me, model, null, "identity.twoFactor.wait");
        }
        if (!totp.verify(me.id(), code)) {
            audit.record(AuditEvent.of("identity.two-factor.disabled", Outcome.DENIED).withTargets("user:" + me.id()));
            return render(me, model, null, "identity.twoFactor.wrongCode");
        }
        limits.succeeded(request.getRemoteAddr(), me.username());
        totp.remove(me.id());
        audit.record(AuditEvent.of("identity.two-factor.disabled", Outcome.SUCCESS).withTargets("user:" + me.id()));
        redirect.addFlashAttribute("flashKey", "identity.twoFactor.disabledFlash");
        return "redirect:/console/identity/two-factor";
    }

    private String render(StaffAccount me, Model model, @Nullable String step, @Nullable String errorKey) {
        model.addAttribute("account", me);
        model.addAttribute("confirmedAt", totp.confirmedAt(me.id()).orElse(null));
        model.addAttribute("step", step);
        model.addAttribute("errorKey", errorKey);
        model.addAttribute("now", clock.instant());
        return VIEW;
    }

    private StaffAccount me(Authentication authentication) {
        return users.byUsername(StaffUserDetailsService.normalise(authentication.getName()))
                .map(StaffUsers.Credentials::account)
                .orElseThrow(() -> new NotFound("Staff account", "of this login"));
    }
}
