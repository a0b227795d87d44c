package no.vern.website.internal;

import java.util.regex.Pattern;

/** Keeps crawlers, monitors and automated browsers out of the statistics. */
final class BotFilter {

    private static final Pattern BOTS = Pattern.compile(
            "bot|crawl|spider|slurp|headless|lighthouse|pagespeed|curl|wget|python|java/|java-http|httpclient|okhttp"
                    + "|go-http|axios|node-fetch|facebookexternalhit|preview|monitor|uptime|phantom|selenium|puppeteer"
                    + "|playwright|scrapy",
            Pattern.CASE_INSENSITIVE);

    private BotFilter() {
    }

    /** Whether a request looks automated: a known agent pattern, no agent, or {@code navigator.webdriver}. */
    static boolean isBot(String userAgent, boolean webdriver) {
        return webdriver || userAgent.isBlank() || BOTS.matcher(userAgent).find();
    }
}
