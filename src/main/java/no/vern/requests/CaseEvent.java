package no.vern.requests;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One entry of a case's complete history (no personal data: reasons written by handlers are about the
 * case, the person's own words are kept encrypted elsewhere).
 *
 * @param at when
 * @param actor who (actor reference)
 * @param action what happened, e.g. {@code received}, {@code extended}
 * @param detail a short note in English (what the API reports), or null
 * @param args the action's arguments (codes, numbers, dates), from which the console says the line in the reader's
 *        language; null for lines written before they were stored (issue 23), which show the English note instead
 */
public record CaseEvent(Instant at, String actor, String action, @Nullable String detail,
        @JsonIgnore @Nullable List<String> args) {

    public CaseEvent(Instant at, String actor, String action, @Nullable String detail) {
        this(at, actor, action, detail, null);
    }
}
