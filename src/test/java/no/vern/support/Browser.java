package no.vern.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium for browser tests of any module: start it against the running test
 * server, open pages, log in through the real login form and save screenshots under
 * {@code target/screenshots/}. Tests skip with {@code assumeTrue(Browser.available())} where the
 * driver is not installed ({@code apt-get install chromium chromium-driver}); CI installs it.
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

    private final String baseUrl;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;
    private final int width;
    private final int height;

    private Browser(String baseUrl, ChromeDriverService service, ChromeDriver driver, Path profile, int width,
            int height) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.service = service;
        this.driver = driver;
        this.profile = profile;
        this.width = width;
        this.height = height;
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
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Browser browser = new Browser(baseUrl, service, driver, profile, width, height);
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
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
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

    /** Clicks an element and waits for the next page. */
    public Browser click(String css) {
        find(css).click();
        waitForLoad();
        return this;
    }

    /** The visible text of the page body. */
    public String text() {
        return find("body").getText();
    }

    /** The current path and query, without the server part. */
    public String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Saves a screenshot of the whole page to {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Number pageHeight = (Number) ((JavascriptExecutor) driver)
                    .executeScript("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
            viewport(Math.min(Math.max(pageHeight.intValue(), height), 12000));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot save screenshot " + name, e);
        } finally {
            viewport(height);
        }
    }

    private void viewport(int viewportHeight) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of("width", width, "height",
                viewportHeight, "deviceScaleFactor", 1, "mobile", width < 600));
    }

    private void waitForLoad() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Quits the browser and the driver and removes the temporary profile. */
    @Override
    public void close() {
        try {
            driver.quit();
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
