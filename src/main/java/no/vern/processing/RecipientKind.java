package no.vern.processing;

/** How a recipient relates to the controller, since a processor needs a data processing agreement. */
public enum RecipientKind {
    /** Processes data on the controller's behalf (GDPR Art. 28); needs an agreement. */
    PROCESSOR,
    /** Receives data and decides its own purposes. */
    CONTROLLER,
    /** A public authority such as Datatilsynet or the tax authorities. */
    AUTHORITY
}
