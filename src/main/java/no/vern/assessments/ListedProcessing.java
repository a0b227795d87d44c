package no.vern.assessments;

/**
 * Processing that always requires a DPIA: the cases of GDPR Art. 35(3) and the kinds of processing on the list
 * Datatilsynet published under Art. 35(4). One match is enough. The wording is Vern's summary; the list itself is
 * Datatilsynet's and is checked against their published text when it changes.
 */
public enum ListedProcessing {
    /** Art. 35(3)(a): systematic and extensive evaluation with automated decisions that have legal or similar effects. */
    ART35_AUTOMATED_EVALUATION,
    /** Art. 35(3)(b): special categories (Art. 9) or criminal convictions (Art. 10) on a large scale. */
    ART35_SPECIAL_CATEGORIES_LARGE_SCALE,
    /** Art. 35(3)(c): systematic monitoring of a publicly accessible area on a large scale. */
    ART35_PUBLIC_MONITORING,
    /** Datatilsynet: systematic monitoring of employees' activities (e.g. e-mail, internet use, vehicle tracking). */
    EMPLOYEE_MONITORING,
    /** Datatilsynet: location data processed on a large scale or combined with other sensitive data. */
    LOCATION_DATA,
    /** Datatilsynet: innovative technology such as artificial intelligence or algorithms trained on personal data. */
    INNOVATIVE_TECHNOLOGY,
    /** Datatilsynet: analysis models that predict people's preferences, interests or behaviour (e.g. targeted advertising). */
    PREDICTIVE_PROFILING,
    /** Datatilsynet: biometric data to identify people. */
    BIOMETRIC_IDENTIFICATION,
    /** Datatilsynet: genetic data. */
    GENETIC_DATA,
    /** Datatilsynet: large-scale data from connected devices (Internet of Things, vehicles). */
    CONNECTED_DEVICES,
    /** Datatilsynet: evaluating learning, mastery or well-being in schools and kindergartens. */
    SCHOOL_EVALUATION,
    /** Datatilsynet: data obtained from third parties, combined with another criterion, to decide on an offer. */
    THIRD_PARTY_DATA_FOR_DECISIONS
}
