package no.vern.processing;

import java.util.Locale;

/**
 * Implemented by the website module: what its configuration makes the company's websites do (see
 * {@link WebsitePractice}), so the policy is written from it (S30).
 */
public interface WebsiteFacts {

    /** The practice in one language ({@code en}, else Norwegian); {@code providerDefault} names the controller. */
    WebsitePractice practice(String providerDefault, Locale locale);
}
