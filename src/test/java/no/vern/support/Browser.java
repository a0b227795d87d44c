package no.vern.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium for browser tests of any module: start it against the running test
 * server, open pages, log in through the real login form and save screenshots under
 * {@code target/screenshots/}. Chromium processes are pooled for the test JVM: {@link #close()} wipes the
 * browser's state (cookies, storage, cache, the tab and whatever a test injected into it) and keeps the process
 * for the next {@link #start}, so a test class (and the next one) pays for launching Chromium once. Tests
 * skip with {@code assumeTrue(Browser.available())} where the driver is not installed ({@code apt-get install chromium chromium-driver}); CI installs it.
 *
 * <pre>{@code
 * try (Browser browser = Browser.start("http://localhost:" + port)) {
 *     browser.login("kari", "a long password").open("/console/processing").screenshot("processing-overview");
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    /** Debian's Chromium. */
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Debian's chromedriver (package {@code chromium-driver}). */
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where screenshots go. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** How long a page may take to load or to be left before a step fails. */
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /**
     * How often a wait asks again. Selenium's default is 500 ms, so a wait whose condition was not met at the first
     * look (a click whose next page was still loading) cost half a second for nothing.
     */
    private static final Duration POLL = Duration.ofMillis(20);

    /** Launched Chromium processes not in use by a test; quit when the JVM ends. */
    private static final Deque<Chromium> IDLE = new ArrayDeque<>();

    static {
        SharedFixturesShutdown.register();
    }

    /** Quits every pooled Chromium (at the end of the test run). */
    static void quitPooled() {
        synchronized (IDLE) {
            IDLE.forEach(Chromium::quit);
            IDLE.clear();
        }
    }

    private final String baseUrl;
    private final Chromium chromium;
    private final ChromeDriver driver;
    private int width;
    private int height;

    private Browser(String baseUrl, Chromium chromium, int width, int height) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.chromium = chromium;
        this.driver = chromium.driver();
        this.width = width;
        this.height = height;
    }

    /** One Chromium process with its driver and its throw-away profile. */
    private record Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {

        static Chromium launch() {
            Path profile;
            try {
                profile = Files.createTempDirectory("vern-chromium-");
            } catch (IOException e) {
                throw new IllegalStateException("Cannot create a browser profile directory", e);
            }
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--hide-scrollbars", "--lang=nb", "--user-data-dir=" + profile,
                    "--window-size=1280,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(service, driver, profile);
        }

        /**
         * Forgets everything the last test did: cookies of every site, storage and cache of the origins it
         * used, and its tab (scripts injected with CDP and device emulation belong to the tab).
         */
        void reset(String baseUrl) {
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
            driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
            for (String origin : new LinkedHashSet<>(List.of(baseUrl, baseUrl.replace("://localhost:", "://127.0.0.1:"),
                    baseUrl.replace("://127.0.0.1:", "://localhost:")))) {
                driver.executeCdpCommand("Storage.clearDataForOrigin", Map.of("origin", origin, "storageTypes", "all"));
            }
            driver.switchTo().newWindow(WindowType.TAB);
            String fresh = driver.getWindowHandle();
            for (String handle : driver.getWindowHandles()) {
                if (!handle.equals(fresh)) {
                    driver.switchTo().window(handle).close();
                }
            }
            driver.switchTo().window(fresh);
        }

        void quit() {
            try {
                driver.quit();
            } catch (RuntimeException ignored) {
                // Already gone.
            } finally {
                service.stop();
                try (Stream<Path> files = Files.walk(profile)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // A leftover temp profile is harmless.
                }
            }
        }
    }

    /** Whether Chromium and its driver are installed, so a test can skip instead of failing. */
    public static boolean available() {
        return Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    }

    /** Starts a headless browser with a fresh profile and a desktop-sized window. */
    public static Browser start(String baseUrl) {
        return start(baseUrl, 1280, 900);
    }

    /**
     * Starts a headless browser with a fresh profile and the given viewport (e.g. 390×844 for a
     * phone: widths below 600 are emulated as a mobile device, since a headless window cannot be
     * made that narrow).
     */
    public static Browser start(String baseUrl, int width, int height) {
        Chromium chromium;
        synchronized (IDLE) {
            chromium = IDLE.poll();
        }
        Browser browser = new Browser(baseUrl, chromium == null ? Chromium.launch() : chromium, width, height);
        browser.viewport(height);
        return browser;
    }

    /** The underlying driver, for anything this class does not wrap. */
    public WebDriver driver() {
        return driver;
    }

    /** Opens a path of the application (e.g. {@code /personvern}) and waits until it has loaded. */
    public Browser open(String path) {
        driver.get(baseUrl + path);
        waitForLoad();
        return this;
    }

    /** Logs in through the real {@code /login} form (CSRF, session cookie and all). */
    public Browser login(String username, String password) {
        open("/login");
        String loginPage = driver.getCurrentUrl();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        // The login page is "complete" until the browser has left it: wait for the answer's address first.
        waitUntil(d -> !loginPage.equals(d.getCurrentUrl()));
        waitForLoad();
        if (driver.getCurrentUrl().contains("/login")) {
            throw new IllegalStateException("Login failed for the test user");
        }
        return this;
    }

    /** The element matching a CSS selector. */
    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Replaces the text of a form field. */
    public Browser type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /**
     * Clicks an element; a link or button is followed until the next page has loaded (the old page is
     * "complete" until the browser has left it, so the wait is for the old document to go first), a checkbox
     * or radio button only changes state.
     */
    public Browser click(String css) {
        WebElement element = find(css);
        String type = element.getAttribute("type");
        if ("checkbox".equals(type) || "radio".equals(type)) {
            element.click();
            return this;
        }
        WebElement leaving = driver.findElement(By.tagName("html"));
        element.click();
        waitUntil(d -> hasLeft(leaving));
        waitForLoad();
        return this;
    }

    /**
     * Whether an element of the old page is gone. Chromium reports a node of a document that has just been
     * replaced either as stale or, while the new document is being attached, as an inspector error ("does not
     * belong to the document"); both mean the old page has gone. Any other error means "not yet known".
     */
    private static boolean hasLeft(WebElement oldElement) {
        try {
            oldElement.isEnabled();
            return false;
        } catch (StaleElementReferenceException | NoSuchElementException gone) {
            return true;
        } catch (WebDriverException unclear) {
            String message = String.valueOf(unclear.getMessage());
            return message.contains("does not belong to the document") || message.contains("No node with given id");
        }
    }

    /** The visible text of the page body. */
    public String text() {
        return find("body").getText();
    }

    /** The current path and query, without the server part. */
    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /**
     * Saves a screenshot of the whole page to {@code target/screenshots/<name>.png}: the viewport is made as tall as
     * the page (at most 12,000 px) for the capture and put back after it. The PNG is encoded with Chromium's fast
     * setting ({@code optimizeForSpeed}: the same pixels, less compression), which halves what a capture costs.
     */
    public Path screenshot(String name) {
        try {
            Number pageHeight = (Number) ((JavascriptExecutor) driver)
                    .executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            viewport(Math.min(Math.max(pageHeight.intValue(), height), 12000));
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                    Map.of("format", "png", "optimizeForSpeed", true));
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save screenshot " + name, e);
        } finally {
            viewport(height);
        }
    }

    /**
     * Gives the page another viewport, as {@link #start(String, int, int)} would (below 600 px wide emulated as a mobile
     * device), keeping the session: a walk at two widths logs in once. The page shown is not reloaded; open the next one.
     */
    public Browser resize(int newWidth, int newHeight) {
        this.width = newWidth;
        this.height = newHeight;
        viewport(newHeight);
        return this;
    }

    private void viewport(int viewportHeight) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height",
                viewportHeight, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private void waitForLoad() {
        waitUntil(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Waits until the condition holds, asking every {@link #POLL}; fails with a timeout after {@link #TIMEOUT}. */
    private void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, TIMEOUT, POLL).until(condition);
    }

    /**
     * Ends this test's use of the browser: its state is wiped and the process goes back to the pool (or is quit
     * if it cannot be wiped).
     */
    @Override
    public void close() {
        try {
            chromium.reset(baseUrl);
        } catch (RuntimeException broken) {
            chromium.quit();
            return;
        }
        synchronized (IDLE) {
            IDLE.push(chromium);
        }
    }
}
