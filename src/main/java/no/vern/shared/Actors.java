package no.vern.shared;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: resolves the actor of the current request from the security context, and runs work on behalf
 * of another module as an internal caller that still names the real actor ({@link #runAs}), so that the audit
 * entries of that work say which job, person or staff member it was done for.
 */
public final class Actors {

    private Actors() {
    }

    /** The acting principal, or {@link Actor#ANONYMOUS} outside an authenticated request. */
    public static Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ActorSource source) {
            return source.actor();
        }
        return Actor.ANONYMOUS;
    }

    /** The acting principal, or {@code fallback} (a job, the module's own process) when nobody is signed in. */
    public static Actor currentOr(Actor fallback) {
        Actor current = current();
        return current.kind() == Actor.Kind.ANONYMOUS ? fallback : current;
    }

    /**
     * Runs {@code work} as an internal caller acting for {@code actor}: the caller's own roles and scopes do not
     * apply (a module asks another one on its own account, e.g. the retention purge erasing a subject), and
     * {@link #current()} names {@code actor}, so every audit entry written meanwhile names it. The caller's
     * security context is restored afterwards.
     */
    public static <T> T runAs(Actor actor, Supplier<T> work) {
        SecurityContext saved = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new InternalCall(actor));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(saved);
        }
    }

    /** Runs {@code work} as an internal caller acting for {@code actor}; see {@link #runAs(Actor, Supplier)}. */
    public static void runAs(Actor actor, Runnable work) {
        runAs(actor, () -> {
            work.run();
            return null;
        });
    }

    /**
     * Whether the current work runs as an internal caller: inside {@link #runAs}, or with no security context at
     * all (a job, an event listener). Such a caller is not limited by staff roles or token scopes.
     */
    public static boolean internal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof InternalCall;
    }

    /**
     * The authorities of the current caller: staff roles as {@code ROLE_…}, token scopes as {@code SCOPE_…}
     * ({@code ROLE_ANONYMOUS} for an anonymous request); none outside a request and inside {@link #runAs}.
     */
    public static Set<String> authorities() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return Set.of();
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).filter(Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Whether the current caller holds any of these authorities (e.g. {@code ROLE_PRIVACY_OFFICER}). */
    public static boolean hasAnyAuthority(String... wanted) {
        Set<String> held = authorities();
        return Arrays.stream(wanted).anyMatch(held::contains);
    }

    /** The authentication of work run by {@link #runAs}: the actor as principal, no authorities. */
    private static final class InternalCall extends AbstractAuthenticationToken {

        private static final long serialVersionUID = 1L;

        private final ActorSource principal;

        InternalCall(Actor actor) {
            super(List.of());
            this.principal = () -> actor;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return principal;
        }

        @Override
        public String getName() {
            return principal.actor().reference();
        }
    }
}
