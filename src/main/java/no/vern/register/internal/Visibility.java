package no.vern.register.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.vern.processing.SubjectKind;
import no.vern.register.Categories;
import no.vern.shared.Actors;

/**
 * The one role × kind × purpose × category matrix of the register (S8, S20; GDPR Art. 5(1)(b), 5(1)(c),
 * 25 and 32(4)): which kinds of subjects a caller may see and change, for which purposes, and which
 * categories of those purposes it may never see or write.
 *
 * <ul>
 * <li>Privacy officer and case handler: every kind, every purpose, every category (they answer requests).</li>
 * <li>Sales: customer contacts, customer employees, prospects; purposes {@code customer-administration} and
 * {@code prospect-dialogue}.</li>
 * <li>Recruiter: candidates; purposes {@code recruitment} and {@code talent-pool}.</li>
 * <li>Marketing: newsletter recipients, event participants, customer and partner contacts; purposes
 * {@code newsletter}, {@code customer-newsletter} and {@code events}; never {@code bank-information} or {@code purchase-history}.</li>
 * <li>Auditor: nothing.</li>
 * </ul>
 *
 * API tokens with a {@code subjects:*} scope see every kind and purpose (an integration names its purpose in
 * {@code Vern-Purpose}; its scope is granted by the privacy officer); an internal caller ({@link Actors#internal()}:
 * jobs, events, another module's work run with {@link Actors#runAs}) too. A purpose not named here is closed to
 * the roles that do not hold every purpose, so a new purpose in the record of processing opens to them only
 * when it is added here.
 */
final class Visibility {

    private static final Set<String> EVERY_PURPOSE = Set.of("ROLE_PRIVACY_OFFICER", "ROLE_CASE_HANDLER",
            "SCOPE_subjects:read", "SCOPE_subjects:write", "SCOPE_subjects:erase");

    private static final Map<String, Set<SubjectKind>> KINDS = Map.of(
            "ROLE_PRIVACY_OFFICER", EnumSet.allOf(SubjectKind.class),
            "ROLE_CASE_HANDLER", EnumSet.allOf(SubjectKind.class),
            "ROLE_SALES", EnumSet.of(SubjectKind.CUSTOMER_CONTACT, SubjectKind.CUSTOMER_EMPLOYEE, SubjectKind.PROSPECT),
            "ROLE_RECRUITER", EnumSet.of(SubjectKind.CANDIDATE),
            "ROLE_MARKETING", EnumSet.of(SubjectKind.NEWSLETTER_RECIPIENT, SubjectKind.EVENT_PARTICIPANT,
                    SubjectKind.CUSTOMER_CONTACT, SubjectKind.PARTNER_CONTACT),
            "SCOPE_subjects:read", EnumSet.allOf(SubjectKind.class),
            "SCOPE_subjects:write", EnumSet.allOf(SubjectKind.class),
            "SCOPE_subjects:erase", EnumSet.allOf(SubjectKind.class));

    /** Purposes of the roles that do not hold every purpose. */
    private static final Map<String, Set<String>> PURPOSES = Map.of(
            "ROLE_SALES", Set.of("customer-administration", "prospect-dialogue"),
            "ROLE_RECRUITER", Set.of("recruitment", "talent-pool"),
            "ROLE_MARKETING", Set.of("newsletter", "customer-newsletter", "events"));

    /** Categories a role never sees or writes, whatever the purpose (defence in depth if a purpose grows). */
    private static final Map<String, Set<String>> WITHHELD = Map.of(
            "ROLE_MARKETING", Set.of(Categories.BANK_INFORMATION, Categories.PURCHASE_HISTORY));

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
            kinds.addAll(KINDS.getOrDefault(authority, Set.of()));
        }
        return kinds;
    }

    /** Whether a subject of these kinds is visible (any kind in common). */
    static boolean sees(Set<SubjectKind> visible, Set<SubjectKind> kinds) {
        return kinds.stream().anyMatch(visible::contains);
    }

    /**
     * The categories the current caller may see and write for the purpose; empty when the purpose is not
     * the caller's.
     */
    static Set<String> categoriesFor(String purposeKey) {
        if (Actors.internal()) {
            return Set.copyOf(Categories.ALL);
        }
        return categoriesFor(Actors.authorities(), purposeKey);
    }

    /**
     * The categories holders of these authorities may see and write for the purpose: the union over each
     * authority that holds the purpose of every category but the ones it withholds.
     */
    static Set<String> categoriesFor(Collection<String> authorities, String purposeKey) {
        Set<String> allowed = new LinkedHashSet<>();
        for (String authority : authorities) {
            if (EVERY_PURPOSE.contains(authority)
                    || PURPOSES.getOrDefault(authority, Set.of()).contains(purposeKey)) {
                List<String> all = Categories.ALL;
                Set<String> withheld = WITHHELD.getOrDefault(authority, Set.of());
                all.stream().filter(c -> !withheld.contains(c)).forEach(allowed::add);
            }
        }
        return allowed;
    }

    /** Whether the current caller may use the purpose at all. */
    static boolean mayUse(String purposeKey) {
        return !categoriesFor(purposeKey).isEmpty();
    }
}
