package no.vern.vendors;

/** The module of the standard contractual clauses of Implementing Decision (EU) 2021/914 that fits the parties. */
public enum SccModule {
    /** Module one: controller to controller. */
    CONTROLLER_TO_CONTROLLER,
    /** Module two: controller to processor. */
    CONTROLLER_TO_PROCESSOR,
    /** Module three: processor to processor. */
    PROCESSOR_TO_PROCESSOR,
    /** Module four: processor to controller. */
    PROCESSOR_TO_CONTROLLER
}
