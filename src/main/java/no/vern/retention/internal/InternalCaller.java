package no.vern.retention.internal;

import java.util.function.Supplier;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Runs register calls of the purge as an internal caller (no security context), restoring the caller's. */
final class InternalCaller {

    private InternalCaller() {
    }

    static <T> T run(Supplier<T> call) {
        SecurityContext saved = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            return call.get();
        } finally {
            SecurityContextHolder.setContext(saved);
        }
    }
}
