package no.vern.shared;

import java.util.List;

/**
 * Paths that a module serves to the public without login (privacy center, published policy,
 * banner script). Each module declares its own as a bean; the security configuration collects
 * them, so opening a path is a visible decision in the module that owns it.
 *
 * @param owner the module that opens the paths, for the authorisation matrix
 * @param patterns Ant-style path patterns, e.g. {@code /personvern}
 * @param csrfExempt patterns among {@code patterns} whose POSTs come from other sites' pages without
 *        a session (the cookie banner's consent and statistics beacon), so CSRF tokens cannot apply
 */
public record PublicEndpoints(String owner, List<String> patterns, List<String> csrfExempt) {

    public PublicEndpoints {
        patterns = List.copyOf(patterns);
        csrfExempt = List.copyOf(csrfExempt);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("A public endpoint declaration needs at least one pattern");
        }
        if (!patterns.containsAll(csrfExempt)) {
            throw new IllegalArgumentException("Only public patterns can be exempt from CSRF protection");
        }
    }

    /** Public paths that keep CSRF protection (every form posted from Vern's own pages). */
    public PublicEndpoints(String owner, List<String> patterns) {
        this(owner, patterns, List.of());
    }
}
