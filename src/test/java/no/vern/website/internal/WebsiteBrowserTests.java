package no.vern.website.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.support.Browser;

/**
 * The banner, the blocked scripts and the statistics in a real Chromium against the demo site
 * (ekomloven § 3-15: nothing non-essential before a choice, reject as easy as accept; GDPR
 * Art. 7(3): withdrawing as easy as giving). Screenshots go to target/screenshots/website-*.png.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WebsiteBrowserTests {

    static final String DESKTOP_CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    Sites sites;
    @Autowired
    DemoData demo;
    @Autowired
    Salts salts;

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Browser.available(), "chromium and chromium-driver are not installed");
    }

    String base() {
        return "http://localhost:" + port;
    }

    static ChromeDriver chrome(Browser browser) {
        return (ChromeDriver) browser.driver();
    }

    static Object js(Browser browser, String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    static void waitFor(WebDriver driver, String css) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    }

    static void waitGone(WebDriver driver, String css) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    /**
     * From the next page on, remembers the purposes the banner script applied ({@code vern:consent}, fired once the
     * configuration is loaded and a choice applied), so a test can wait for the script to have finished instead of
     * asserting before it ran. The injected script belongs to the tab, which {@link Browser#close()} discards.
     */
    static void watchConsent(Browser browser) {
        chrome(browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                if (window.__vernChoicesSent === undefined) {
                  window.__vernChoicesSent = 0;
                  document.addEventListener('vern:consent', function (e) { window.__vernApplied = e.detail.purposes; });
                  var send = window.fetch;
                  window.fetch = function (url, init) {
                    if (String(url).indexOf('/site/consent') >= 0 && init && init.method === 'POST') {
                      window.__vernChoicesSent++;
                    }
                    return send.apply(this, arguments);
                  };
                }"""));
    }

    /**
     * How many choices the script sent on this page (with {@link #watchConsent}). The script sends a choice in the
     * same step in which it applies one, so after {@link #awaitApplied} this count is final for that step.
     */
    static long choicesSent(Browser browser) {
        return (Long) js(browser, "return window.__vernChoicesSent");
    }

    /** Waits until the banner script applied the stored choice on this page; returns the purposes it allowed. */
    @SuppressWarnings("unchecked")
    static List<String> awaitApplied(Browser browser) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                .until(d -> ((JavascriptExecutor) d).executeScript("return window.__vernApplied !== undefined"));
        return (List<String>) js(browser, "return window.__vernApplied");
    }

    static Set<String> cookieNames(Browser browser) {
        return browser.driver().manage().getCookies().stream().map(Cookie::getName).collect(Collectors.toSet());
    }

    static long storedItems(Browser browser) {
        return (Long) js(browser, "return localStorage.length + sessionStorage.length");
    }

    @Test
    void beforeAChoiceNothingIsStoredAndRejectTakesOneClick() {
        try (Browser browser = Browser.start(base())) {
            browser.open("/demo-site/");
            waitFor(browser.driver(), "#vern-banner");
            // ekomloven § 3-15: nothing is stored or read before the choice.
            assertThat(cookieNames(browser)).isEmpty();
            assertThat(storedItems(browser)).isZero();
            assertThat(browser.find("#vern-banner").getAttribute("role")).isEqualTo("dialog");
            assertThat(browser.find("#vern-banner h2").getText()).isEqualTo("Vi bryr oss om personvernet ditt");
            // Accept, reject and choose are the same kind of button, side by side, equally large.
            var accept = browser.find("[data-vern-action=accept]");
            var reject = browser.find("[data-vern-action=reject]");
            var choose = browser.find("[data-vern-action=choose]");
            assertThat(accept.getText()).isEqualTo("Godta alle");
            assertThat(reject.getText()).isEqualTo("Avvis alle");
            assertThat(choose.getText()).isEqualTo("Velg selv");
            assertThat(reject.getAttribute("class")).isEqualTo(accept.getAttribute("class"))
                    .isEqualTo(choose.getAttribute("class"));
            assertThat(reject.getSize()).isEqualTo(accept.getSize());
            // Keyboard: focus starts in the banner.
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("vern-title");
            browser.screenshot("website-banner-nb");

            // No pre-ticked boxes on the second layer.
            choose.click();
            assertThat(browser.find("#vern-p-preferences").isSelected()).isFalse();
            assertThat(browser.find("#vern-p-statistics").isSelected()).isFalse();
            assertThat(browser.find("#vern-p-necessary").isSelected()).isTrue();
            browser.screenshot("website-banner-nb-choose");

            browser.find("[data-vern-action=reject]").click();
            waitGone(browser.driver(), "#vern-banner");
            assertThat(cookieNames(browser)).containsExactly("vern_consent");
            assertThat(storedItems(browser)).isZero();
            assertThat(browser.find("html").getAttribute("data-demo-stats")).isNull();
            String value = browser.driver().manage().getCookieNamed("vern_consent").getValue();
            assertThat(value).endsWith(".-");

            // The choice holds on the next page: no banner, still nothing else stored.
            watchConsent(browser);
            browser.open("/demo-site/about.html");
            assertThat(awaitApplied(browser)).isEmpty();
            assertThat(browser.driver().findElements(By.id("vern-banner"))).isEmpty();
            assertThat(cookieNames(browser)).containsExactly("vern_consent");
        }
    }

    @Test
    void englishPagesGetTheEnglishBanner() {
        try (Browser browser = Browser.start(base())) {
            browser.open("/demo-site/en.html");
            waitFor(browser.driver(), "#vern-banner");
            assertThat(browser.find("[data-vern-action=reject]").getText()).isEqualTo("Reject all");
            assertThat(browser.find("#vern-banner").getAttribute("lang")).isEqualTo("en");
            browser.screenshot("website-banner-en");
        }
    }

    @Test
    void globalPrivacyControlRefusesOptionalPurposesAndSaysSo() {
        try (Browser browser = Browser.start(base())) {
            chrome(browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true});"));
            browser.open("/demo-site/");
            waitFor(browser.driver(), "#vern-banner .vern-gpc");
            assertThat(browser.find(".vern-gpc").getText()).contains("Global Privacy Control");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> d.manage().getCookieNamed("vern_consent") != null);
            assertThat(browser.driver().manage().getCookieNamed("vern_consent").getValue()).endsWith(".g");
            assertThat(browser.find("html").getAttribute("data-demo-stats")).isNull();
            assertThat(cookieNames(browser)).containsExactly("vern_consent");
            browser.screenshot("website-banner-gpc");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void globalPrivacyControlAfterAnEarlierAcceptWithdrawsItClearsStorageSaysSoAndIsRecorded() {
        try (Browser browser = Browser.start(base())) {
            browser.open("/demo-site/contact.html");
            waitFor(browser.driver(), "#vern-banner");
            // WEC-style check before any choice: no cookie, no local or session storage.
            assertThat(cookieNames(browser)).isEmpty();
            assertThat(storedItems(browser)).isZero();
            browser.find("[data-vern-action=accept]").click();
            waitGone(browser.driver(), "#vern-banner");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> "ran".equals(d.findElement(By.tagName("html")).getAttribute("data-demo-stats")));
            assertThat(cookieNames(browser)).containsExactlyInAnyOrder("vern_consent", "_demo_stats");
            // What the page declares for its statistics script, and what the banner configuration declares for
            // preferences (the contact form remembers what was typed, under vern-pref:*).
            assertThat(js(browser, "return localStorage.getItem('_demo_stats_visits')")).isNotNull();
            browser.find("#contact-name").sendKeys("Ola");
            assertThat((String) js(browser, "return localStorage.getItem('vern-pref:contact')")).contains("Ola");
            String consentId = browser.driver().manage().getCookieNamed("vern_consent").getValue().substring(0, 36);

            // The visitor turns on Global Privacy Control: the header on every request, and the script property.
            chrome(browser).executeCdpCommand("Network.enable", Map.of());
            chrome(browser).executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Sec-GPC", "1")));
            Map<String, Object> script = chrome(browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", "Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true});"));
            browser.open("/demo-site/contact.html");
            waitFor(browser.driver(), "#vern-banner .vern-gpc");
            assertThat(browser.find(".vern-gpc").getText()).isEqualTo("Nettleseren din sender signalet Global Privacy "
                    + "Control. Vi har respektert det: samtykket du ga tidligere, er trukket tilbake, alle valgfrie formål "
                    + "er slått av, og informasjonskapslene og den lokale lagringen som er oppgitt for dem, er slettet.");
            // Nothing to accept while GPC is sent.
            assertThat(browser.driver().findElements(By.cssSelector("[data-vern-action=accept]"))).isEmpty();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(
                    d -> d.manage().getCookieNamed("vern_consent").getValue().endsWith(".g"));
            assertThat(browser.driver().manage().getCookieNamed("vern_consent").getValue()).startsWith(consentId);
            assertThat(browser.find("html").getAttribute("data-demo-stats")).isNull();
            assertThat(cookieNames(browser)).containsExactly("vern_consent");
            assertThat(storedItems(browser)).isZero();
            browser.screenshot("website-banner-gpc-withdrawn");
            var proofs = jdbc.sql("SELECT decision, reason, gpc, purposes::text AS purposes FROM website_consent "
                    + "WHERE consent_id = :id ORDER BY at").param("id", java.util.UUID.fromString(consentId)).query()
                    .listOfRows();
            assertThat(proofs).hasSize(2);
            assertThat(proofs.get(0)).containsEntry("decision", "ACCEPT_ALL").containsEntry("reason", "CHOICE");
            assertThat(proofs.get(1)).containsEntry("decision", "REJECT_ALL").containsEntry("reason", "GPC")
                    .containsEntry("gpc", true).containsEntry("purposes", "{}");
            browser.find("[data-vern-action=close]").click();
            waitGone(browser.driver(), "#vern-banner");

            // Still GPC on the next page: the refusal holds without a banner, and is not recorded again.
            watchConsent(browser);
            browser.open("/demo-site/services.html");
            assertThat(awaitApplied(browser)).isEmpty();
            assertThat(choicesSent(browser)).isZero();
            assertThat(browser.driver().findElements(By.id("vern-banner"))).isEmpty();
            assertThat(jdbc.sql("SELECT count(*) FROM website_consent WHERE consent_id = :id")
                    .param("id", java.util.UUID.fromString(consentId)).query(Long.class).single()).isEqualTo(2);

            // GPC turned off again: the old accept does not come back, and nothing new is recorded.
            chrome(browser).executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
            chrome(browser).executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    Map.of("identifier", script.get("identifier")));
            watchConsent(browser);
            browser.open("/demo-site/about.html");
            assertThat(awaitApplied(browser)).as("purposes applied once GPC is off again").isEmpty();
            assertThat(choicesSent(browser)).isZero();
            assertThat(browser.driver().findElements(By.id("vern-banner"))).isEmpty();
            assertThat(browser.find("html").getAttribute("data-demo-stats")).isNull();
            assertThat(cookieNames(browser)).containsExactly("vern_consent");
            assertThat(jdbc.sql("SELECT count(*) FROM website_consent WHERE consent_id = :id")
                    .param("id", java.util.UUID.fromString(consentId)).query(Long.class).single()).isEqualTo(2);
        }
    }

    @Test
    void focusReturnsToTheFooterLinkOnEveryCloseAndTheHeadingShowsAFocusRing() {
        try (Browser browser = Browser.start(base())) {
            browser.open("/demo-site/");
            waitFor(browser.driver(), "#vern-banner");
            browser.find("[data-vern-action=reject]").click();
            waitGone(browser.driver(), "#vern-banner");
            var link = browser.find("footer [data-vern-settings]");
            for (String close : List.of("escape", "save", "accept", "reject")) {
                link.sendKeys(Keys.ENTER);
                waitFor(browser.driver(), "#vern-banner");
                var focused = browser.driver().switchTo().activeElement();
                assertThat(focused.getAttribute("id")).isEqualTo("vern-title");
                // A visible focus ring on the focused heading (WCAG 2.4.7).
                assertThat(focused.getCssValue("outline-style")).isNotEqualTo("none");
                assertThat(focused.getCssValue("outline-width")).isNotEqualTo("0px");
                switch (close) {
                    case "escape" -> focused.sendKeys(Keys.ESCAPE);
                    case "save" -> {
                        browser.find("[data-vern-action=choose]").click();
                        browser.find("[data-vern-action=save]").click();
                    }
                    default -> browser.find("[data-vern-action=" + close + "]").click();
                }
                waitGone(browser.driver(), "#vern-banner");
                new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(d -> d.switchTo().activeElement()
                        .equals(link));
                assertThat(browser.driver().switchTo().activeElement()).as("focus after " + close).isEqualTo(link);
            }
        }
    }

    @Test
    void blockedScriptRunsAfterAcceptAndWithdrawalDeletesWhatItStored() {
        try (Browser browser = Browser.start(base())) {
            browser.open("/demo-site/contact.html");
            waitFor(browser.driver(), "#vern-banner");
            assertThat(browser.find("html").getAttribute("data-demo-stats")).isNull();
            browser.find("[data-vern-action=accept]").click();
            waitGone(browser.driver(), "#vern-banner");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> "ran".equals(d.findElement(By.tagName("html")).getAttribute("data-demo-stats")));
            assertThat(cookieNames(browser)).containsExactlyInAnyOrder("vern_consent", "_demo_stats");

            // Preferences: the form remembers input (S18).
            browser.find("#contact-name").sendKeys("Ola");
            assertThat((String) js(browser, "return localStorage.getItem('vern-pref:contact')")).contains("Ola");

            // Withdrawal through "privacy settings" on the page: one click on reject.
            browser.find("[data-vern-settings]").click();
            waitFor(browser.driver(), "#vern-banner");
            assertThat(browser.find("#vern-p-statistics").isSelected()).isTrue();
            browser.find("[data-vern-action=reject]").click();
            waitGone(browser.driver(), "#vern-banner");
            assertThat(cookieNames(browser)).containsExactly("vern_consent");
            assertThat(storedItems(browser)).isZero();
        }
    }

    @Test
    void statisticsCountAVisitAndItsTimeOnPage() throws Exception {
        long before = jdbc.sql("SELECT count(*) FROM website_pageview WHERE path = '/demo-site/services.html' "
                + "AND duration_ms >= 1000").query(Long.class).single();
        // A browser that does not announce itself as automated (headless Chromium's user agent says
        // "HeadlessChrome" and navigator.webdriver is true, which the bot filter leaves out). The agent is set
        // on the command line, because the page-hide beacon is sent after the page (and its emulation) is gone.
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Browser.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--user-agent=" + DESKTOP_CHROME, "--disable-blink-features=AutomationControlled");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Browser.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(base() + "/demo-site/services.html");
            Thread.sleep(1500);
            driver.findElement(By.cssSelector(".site-nav a[href='/demo-site/about.html']")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> jdbc.sql(
                    "SELECT count(*) FROM website_pageview WHERE path = '/demo-site/services.html' AND duration_ms >= 1000")
                    .query(Long.class).single() > before);
            // The beacon stored no cookie: the statistics are cookieless.
            assertThat(driver.manage().getCookies()).isEmpty();
        } finally {
            driver.quit();
            service.stop();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM website_pageview WHERE path = '/demo-site/about.html'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void dashboardShowsChartsOfViewsVisitorsAndConsentRates() {
        Site site = sites.demo().orElseThrow();
        if (jdbc.sql("SELECT count(*) FROM website_daily_total").query(Long.class).single() == 0) {
            demo.generate(site.id(), salts.today(), 30);
        }
        String user = "website-officer";
        if (accounts.list().stream().noneMatch(a -> a.username().equals(user))) {
            accounts.create(user, "a-long-website-password", Set.of(Role.PRIVACY_OFFICER));
        }
        try (Browser browser = Browser.start(base())) {
            browser.login(user, "a-long-website-password").open("/console/website");
            assertThat(browser.find("h1").getText()).isEqualTo("Nettsted");
            assertThat(browser.driver().findElements(By.cssSelector("#chart svg rect")).size()).isGreaterThan(25);
            browser.screenshot("website-dashboard");
            browser.open("/console/website?group=week&days=90&lang=en");
            browser.screenshot("website-dashboard-weekly-en");
            browser.open("/console/website/sites");
            browser.screenshot("website-sites");
        }
    }
}
