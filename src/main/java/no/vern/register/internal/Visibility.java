package no.vern.register.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import no.vern.processing.SubjectKind;
import no.vern.shared.Actors;

/**
 * Which kinds of subjects the caller may see and change (S8, S20): a recruiter sees candidates,
 * sales sees customer and prospect contacts, and so on. API tokens with a subjects scope see every
 * kind (still purpose-bound); an internal caller ({@link Actors#internal()}: jobs, events, another module's
 * work run with {@link Actors#runAs}) too.
 */
final class Visibility {

    private static final Map<String, Set<SubjectKind>> BY_ROLE = Map.of(
            "ROLE_PRIVACY_OFFICER", EnumSet.allOf(SubjectKind.class),
            "ROLE_CASE_HANDLER", EnumSet.allOf(SubjectKind.class),
            "ROLE_SALES", EnumSet.of(SubjectKind.CUSTOMER_CONTACT, SubjectKind.CUSTOMER_EMPLOYEE, SubjectKind.PROSPECT),
            "ROLE_RECRUITER", EnumSet.of(SubjectKind.CANDIDATE),
            "ROLE_MARKETING", EnumSet.of(SubjectKind.NEWSLETTER_RECIPIENT, SubjectKind.EVENT_PARTICIPANT,
                    SubjectKind.CUSTOMER_CONTACT, SubjectKind.PARTNER_CONTACT),
            "SCOPE_subjects:read", EnumSet.allOf(SubjectKind.class),
            "SCOPE_subjects:write", EnumSet.allOf(SubjectKind.class),
            "SCOPE_subjects:erase", EnumSet.allOf(SubjectKind.class));

    private Visibility() {
    }

    /** The kinds the current caller may see; empty for auditors and anonymous callers. */
    static Set<SubjectKind> current() {
        if (Actors.internal()) {
            return EnumSet.allOf(SubjectKind.class);
        }
        return of(Actors.authorities()); // an anonymous caller holds only ROLE_ANONYMOUS: no kind
    }

    /** The kinds visible to holders of these authorities. */
    static Set<SubjectKind> of(Collection<String> authorities) {
        Set<SubjectKind> kinds = EnumSet.noneOf(SubjectKind.class);
        for (String authority : authorities) {
            kinds.addAll(BY_ROLE.getOrDefault(authority, Set.of()));
        }
        return kinds;
    }

    /** Whether a subject of these kinds is visible (any kind in common). */
    static boolean sees(Set<SubjectKind> visible, Set<SubjectKind> kinds) {
        return kinds.stream().anyMatch(visible::contains);
    }
}
