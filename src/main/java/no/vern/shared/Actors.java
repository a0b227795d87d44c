package no.vern.shared;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Resolves the actor of the current request from the security context. */
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
}
