package no.vern.register;

import no.vern.shared.Actor;

/**
 * The register's SPI for S15/S20 "only trained staff handle personal data": asked before the
 * register reveals personal data to an actor. The training module implements it (staff whose
 * required privacy training has lapsed may be refused); without an implementation every actor is
 * cleared.
 */
public interface ReadClearance {

    /** Whether the actor may read personal data now; jobs, API clients and subjects are not staff. */
    boolean mayReadPersonalData(Actor actor);
}
