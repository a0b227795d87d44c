package no.vern.communications;

import java.util.Optional;
import java.util.UUID;

import no.vern.shared.SubjectId;

/**
 * The personal objection links of list mail: what a signed token stands for, and recording the
 * objection it carries (S7). The token is the only credential, so it names one person and one list.
 */
public interface Unsubscribe {

    /**
     * What a valid link stands for; the subject id stays on the server side and is never shown.
     *
     * @param listId the list the message came from
     * @param subject the person
     * @param stoppedList whether the person has already stopped this list (or all)
     * @param stoppedAll whether the person has already stopped everything
     */
    record Link(UUID listId, SubjectId subject, boolean stoppedList, boolean stoppedAll) {
    }

    /** The link behind a token, if its signature is valid. */
    Optional<Link> link(String token);

    /** Records the objection of a link: to its list, or to every list when {@code all}. */
    void object(Link link, boolean all, ObjectionChannel channel);

    /** The objection page of a person for a list in a language ({@code nb} or {@code en}). */
    String url(UUID listId, SubjectId subject, String language);
}
