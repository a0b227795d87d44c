package no.vern.register;

/**
 * The register's SPI for GDPR Art. 18(3): before a restriction is lifted the person must be told. The module that
 * holds the person's address and language for the restriction (the requests module: the case that asked for it)
 * implements it; the register lifts only when an implementation says the person was told.
 */
public interface RestrictionNotice {

    /**
     * Tells the person, in their language, that the restriction is about to be lifted and why; the message joins
     * the caller's transaction. Returns false when this implementation cannot reach the person.
     */
    boolean tellBeforeLifting(Restriction restriction, String reason);
}
