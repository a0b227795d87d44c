package no.vern.identity.internal;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.shared.Actor;

/**
 * The second step of a staff login with a second factor: after the right password ({@link LoginOutcomes}) the
 * session holds only who is to give the code, for five minutes, and nothing of the console opens. The code is
 * checked under the same progressive delay per IP and account as the password, and a code once accepted is never
 * accepted again. Public paths (the person is not logged in yet); without a pending password step they lead back
 * to the login page.
 */
@Controller
class SecondFactorController {

    static final String PATH = "/login/code";
    static final String VIEW = "identity/login-code";
    private static final String PENDING = SecondFactorController.class.getName() + ".pending";
    private static final Duration VALID = Duration.ofMinutes(5);

    /** Who passed the password step, and when; all the session holds until the code is given. */
    record Pending(UUID user, Instant since) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final StaffUsers users;
    private final StaffUserDetailsService details;
    private final TotpSecrets totp;
    private final FailureLimits limits;
    private final LoginOutcomes outcomes;
    private final SecurityContextRepository contexts;
    private final AuditLog audit;
    private final Clock clock;

    SecondFactorController(StaffUsers users, StaffUserDetailsService details, TotpSecrets totp, FailureLimits limits,
            LoginOutcomes outcomes, SecurityContextRepository contexts, AuditLog audit, Clock clock) {
        this.users = users;
        this.details = details;
        this.totp = totp;
        this.limits = limits;
        this.outcomes = outcomes;
        this.contexts = contexts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Remembers in the session that this user passed the password step. */
    static void pending(HttpServletRequest request, UUID user, Instant now) {
        request.getSession().setAttribute(PENDING, new Pending(user, now));
    }

    @GetMapping(PATH)
    String form(HttpServletRequest request) {
        return pendingUser(request).isPresent() ? VIEW : "redirect:/login";
    }

    @PostMapping(PATH)
    @Nullable
    String check(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
            Model model) throws IOException, ServletException {
        Optional<StaffUsers.Credentials> who = pendingUser(request)
                .flatMap(id -> users.byId(id).flatMap(a -> users.byUsername(a.username())));
        if (who.isEmpty()) {
            return "redirect:/login";
        }
        var account = who.get().account();
        String ip = request.getRemoteAddr();
        if (!limits.tryReserve(ip, account.username())) {
            audit.record(AuditEvent.of("identity.login.delayed", Outcome.DENIED));
            Duration wait = limits.loginWait(ip, account.username());
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            response.setStatus(429);
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            model.addAttribute("waitSeconds", seconds);
            return VIEW;
        }
        if (!totp.verify(account.id(), code)) {
            audit.record(AuditEvent.by(new Actor(Actor.Kind.ANONYMOUS, "login-attempt"), "identity.login.code-failed",
                    Outcome.DENIED).withTargets("user:" + account.id()));
            return "redirect:" + PATH + "?error";
        }
        StaffPrincipal principal = (StaffPrincipal) details.loadUserByUsername(account.username());
        if (!principal.isEnabled()) {
            clear(request);
            return "redirect:/login?error";
        }
        principal.eraseCredentials();
        limits.succeeded(ip, account.username());
        clear(request);
        // A new session id for the logged-in session (session fixation), then the context as the form login saves it.
        request.changeSessionId();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        users.recordSuccess(account.id(), clock.instant());
        audit.record(AuditEvent.by(principal.actor(), "identity.login.succeeded", Outcome.SUCCESS)
                .withTargets("user:" + account.id()));
        outcomes.completed(request, response, authentication);
        return null;
    }

    private Optional<UUID> pendingUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
            return Optional.empty();
        }
        if (!pending.since().plus(VALID).isAfter(clock.instant())) {
            session.removeAttribute(PENDING);
            return Optional.empty();
        }
        return Optional.of(pending.user());
    }

    private static void clear(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(PENDING);
        }
    }
}
