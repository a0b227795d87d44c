package no.vern.shared.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Which links of a page can name a static file, so that only those go through the resource chain's URL rewriting.
 * {@code ResourceUrlEncodingFilter} asks the resource chain about <em>every</em> link a template writes; for a link to
 * a page ({@code /console/requests/…}) the {@code /**} static handler then looks the path up in every static
 * location, and a class-path lookup that finds nothing searches every jar on the class path and is never cached. That
 * was 13 % of the CPU of the test suite's JVM (JFR, 2026-12-08), and the same work on every console page in
 * production. A link can only name a static file when its first path segment ({@code css}, {@code js},
 * {@code webjars}, {@code favicon.ico}) is an entry at the top of one of the static locations; whether it is, is
 * looked up once per segment.
 */
final class StaticLinks {

    /** Distinct first segments remembered; past this (links built from data), each is looked up without being kept. */
    private static final int REMEMBERED = 256;

    private final List<Resource> locations;
    private final Map<String, Boolean> roots = new ConcurrentHashMap<>();

    /** {@code locations}: the static locations, as Spring Boot's {@code spring.web.resources.static-locations}. */
    StaticLinks(ResourceLoader loader, List<String> locations) {
        this.locations = locations.stream().map(loader::getResource).toList();
    }

    /**
     * Whether {@code path} (relative to the context path, starting with {@code /}, a query or fragment allowed) can
     * name a static file.
     */
    boolean mayName(String path) {
        String segment = firstSegment(path);
        if (segment.isEmpty()) {
            return false;
        }
        Boolean known = roots.get(segment);
        if (known != null) {
            return known;
        }
        boolean found = isRoot(segment);
        if (roots.size() < REMEMBERED) {
            roots.put(segment, found);
        }
        return found;
    }

    /** The first segment of a path: up to the next {@code /}, {@code ?}, {@code #} or {@code ;}. */
    static String firstSegment(String path) {
        if (!path.startsWith("/")) {
            return "";
        }
        int end = 1;
        while (end < path.length() && "/?#;".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        return path.substring(1, end);
    }

    private boolean isRoot(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            return false;
        }
        for (Resource location : locations) {
            try {
                if (location.createRelative(segment + "/").exists() || location.createRelative(segment).exists()) {
                    return true;
                }
            } catch (IOException unreadable) {
                // a location that cannot resolve a relative path holds nothing under it
            }
        }
        return false;
    }
}
