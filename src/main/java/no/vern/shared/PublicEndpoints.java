package no.vern.shared;

import java.util.List;

/**
 * Paths that a module serves to the public without login (privacy center, published policy,
 * banner script). Each module declares its own as a bean; the security configuration collects
 * them, so opening a path is a visible decision in the module that owns it.
 *
 * @param owner the module that opens the paths, for the authorisation matrix
 * @param patterns Ant-style path patterns, e.g. {@code /personvern}
 */
public record PublicEndpoints(String owner, List<String> patterns) {

    public PublicEndpoints {
        patterns = List.copyOf(patterns);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("A public endpoint declaration needs at least one pattern");
        }
    }
}
