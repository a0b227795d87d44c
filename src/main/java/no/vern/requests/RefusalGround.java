package no.vern.requests;

import java.util.EnumSet;
import java.util.Set;

/**
 * The legal ground a refusal rests on, picked from this list: the person is told the ground and the reasons
 * (GDPR Art. 12(4)), and a ground answers only the kinds of request the provision is about.
 */
public enum RefusalGround {
    /** Art. 12(5)(b): the request is manifestly unfounded or excessive, in particular because it repeats itself. */
    MANIFESTLY_UNFOUNDED_OR_EXCESSIVE(EnumSet.allOf(RequestKind.class)),
    /** Art. 11(2) and 12(2): the person could not be identified, also after being asked for more (Art. 12(6)). */
    NOT_IDENTIFIED(EnumSet.allOf(RequestKind.class)),
    /** Art. 15(4): a copy would adversely affect the rights and freedoms of others. */
    RIGHTS_OF_OTHERS(EnumSet.of(RequestKind.ACCESS, RequestKind.PORTABILITY)),
    /** Art. 17(3)(b): the processing is needed to comply with a legal obligation (e.g. the Bookkeeping Act). */
    LEGAL_OBLIGATION(EnumSet.of(RequestKind.ERASURE)),
    /** Art. 17(3)(e): the data is needed to establish, exercise or defend legal claims. */
    LEGAL_CLAIMS(EnumSet.of(RequestKind.ERASURE)),
    /** Personopplysningsloven § 16: the exceptions from the right of access in Norwegian law. */
    PERSONOPPLYSNINGSLOVEN_16(EnumSet.of(RequestKind.ACCESS));

    private final Set<RequestKind> kinds;

    RefusalGround(Set<RequestKind> kinds) {
        this.kinds = kinds;
    }

    /** Whether the provision can answer a request of this kind. */
    public boolean answers(RequestKind kind) {
        return kinds.contains(kind);
    }
}
