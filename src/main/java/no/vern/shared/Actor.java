package no.vern.shared;

import java.util.regex.Pattern;

/**
 * Who is acting: a staff user, an API client, a scheduled job, a verified data subject or an
 * anonymous visitor. Audit entries name actors by this opaque reference, never by personal data.
 *
 * @param kind what sort of actor
 * @param id a stable identifier within the kind (username, token id, job name, subject id)
 */
public record Actor(Kind kind, String id) {

    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,80}");

    /** What sort of actor performed an action. */
    public enum Kind {
        STAFF, API_CLIENT, SYSTEM, SUBJECT, ANONYMOUS
    }

    public static final Actor ANONYMOUS = new Actor(Kind.ANONYMOUS, "anonymous");

    public Actor {
        if (kind == null || id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("An actor id is an opaque token of letters, digits and ._:-");
        }
    }

    /** A scheduled job or internal process, named by what it does. */
    public static Actor system(String job) {
        return new Actor(Kind.SYSTEM, job);
    }

    /** The form used in audit entries and logs, e.g. {@code staff:kari}. */
    public String reference() {
        return kind.name().toLowerCase() + ":" + id;
    }
}
