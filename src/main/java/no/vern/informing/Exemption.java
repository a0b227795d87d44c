package no.vern.informing;

/** Why a person whose data came from others is not told (GDPR Art. 14(5)); recorded with a reason, never assumed. */
public enum Exemption {
    /** Art. 14(5)(a): the person already has the information. */
    ALREADY_INFORMED("14(5)(a)"),
    /** Art. 14(5)(b): telling is impossible or would take a disproportionate effort. */
    DISPROPORTIONATE_EFFORT("14(5)(b)"),
    /** Art. 14(5)(c): obtaining or disclosing is laid down by law that protects the person. */
    REQUIRED_BY_LAW("14(5)(c)"),
    /** Art. 14(5)(d): the data must stay confidential under a duty of professional secrecy. */
    PROFESSIONAL_SECRECY("14(5)(d)");

    private final String article;

    Exemption(String article) {
        this.article = article;
    }

    /** The point of GDPR Art. 14(5) this exemption is, e.g. {@code 14(5)(a)}. */
    public String article() {
        return article;
    }
}
