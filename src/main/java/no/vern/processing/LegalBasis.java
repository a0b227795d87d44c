package no.vern.processing;

/** The lawful basis of a purpose (GDPR Art. 6(1)), so that every record names why it may exist. */
public enum LegalBasis {
    /** Art. 6(1)(a): the person has consented. */
    CONSENT("6(1)(a)"),
    /** Art. 6(1)(b): needed for a contract with the person or the company they represent. */
    CONTRACT("6(1)(b)"),
    /** Art. 6(1)(c): required by law (e.g. bookkeeping). */
    LEGAL_OBLIGATION("6(1)(c)"),
    /** Art. 6(1)(d): protects someone's vital interests. */
    VITAL_INTEREST("6(1)(d)"),
    /** Art. 6(1)(e): a task in the public interest. */
    PUBLIC_TASK("6(1)(e)"),
    /** Art. 6(1)(f): the company's legitimate interest, which the person may object to. */
    LEGITIMATE_INTEREST("6(1)(f)");

    private final String article;

    LegalBasis(String article) {
        this.article = article;
    }

    /** The paragraph of GDPR Art. 6 that this basis refers to, e.g. {@code 6(1)(b)}. */
    public String article() {
        return article;
    }
}
