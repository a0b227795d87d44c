package no.vern.shared;

import java.net.URI;

/** Builds the stable problem type URIs that clients may switch on. */
public final class ProblemTypes {

    private static final String PREFIX = "urn:vern:problem:";

    private ProblemTypes() {
    }

    /** The type URI for a problem slug such as {@code validation} or {@code not-found}. */
    public static URI of(String slug) {
        return URI.create(PREFIX + slug);
    }
}
