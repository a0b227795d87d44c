package no.vern.support;

import java.util.List;

/**
 * Personal data values that tests feed into Vern and that must never appear in a log line
 * (rule 1). {@link CanaryAppender} watches every log event of the test run for them.
 */
public final class Canaries {

    /** A canary email; use it wherever a test enters an email. */
    public static final String EMAIL = "kanari.fuglesang@kanarifugl.example";
    /** A canary Norwegian mobile number as typed by a person. */
    public static final String PHONE = "+47 915 55 123";
    /** The same number in E.164, as Vern normalises it. */
    public static final String PHONE_E164 = "+4791555123";
    /** A canary name. */
    public static final String NAME = "Kanari Fuglesang";

    /** A canary IP address (TEST-NET-3) of a website visitor; it must never be stored or logged (S16). */
    public static final String IP = "203.0.113.77";

    /** A canary bank account (valid Norwegian IBAN) as typed by a person. */
    public static final String IBAN = "NO93 8601 1117 947";

    /** Every form a canary may take in a log line. */
    public static final List<String> ALL = List.of(EMAIL, PHONE, PHONE_E164, "91555123", "915 55 123", NAME,
            "kanarifugl.example", IP, IBAN, "NO9386011117947", "86011117947");

    /**
     * A canary email no other test has entered, for a test that needs a person of its own (one person is one
     * subject: a sign-up or consent under a known address joins the subject already held). Its domain is a
     * canary, so it is caught in a log line like {@link #EMAIL}.
     */
    public static String uniqueEmail() {
        return "kanari.fuglesang." + System.nanoTime() + "@kanarifugl.example";
    }

    private Canaries() {
    }
}
