package no.vern.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.openqa.selenium.JavascriptExecutor;

/**
 * Accessibility as a test (issue 23 item 8): runs axe-core (the {@code org.webjars.npm:axe-core} webjar, a test
 * dependency) in the page a {@link Browser} shows, injected through Selenium (so the pages' strict CSP is not loosened),
 * and fails on any serious or critical violation of WCAG 2.0/2.1 level A or AA (tags {@code wcag2a}, {@code wcag2aa},
 * {@code wcag21a}, {@code wcag21aa}). Minor and moderate findings are not failures.
 *
 * <pre>{@code
 * browser.open("/personvern/rettigheter");
 * Axe.assertAccessible(browser);
 * }</pre>
 */
public final class Axe {

    /** The WCAG levels checked. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final String SOURCE = load();

    private static final String RUN = """
            var done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
              .then(function (r) {
                done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                  .map(function (v) {
                    return { id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) {
                      return n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\s+/g, ' ');
                    }) };
                  }));
              })
              .catch(function (e) { done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]); });
            """;

    private Axe() {
    }

    /** The serious and critical WCAG 2.1 A/AA violations of the page the browser shows, as readable lines. */
    public static List<String> violations(Browser browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(SOURCE);
        }
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = js.executeAsyncScript(RUN, TAGS);
        if (!(result instanceof List<?> list)) {
            return List.of("axe returned " + result);
        }
        return list.stream().map(v -> (Map<?, ?>) v)
                .map(v -> v.get("impact") + " " + v.get("id") + ": " + v.get("help") + "\n      "
                        + ((List<?>) v.get("nodes")).stream().map(String::valueOf).collect(Collectors.joining("\n      ")))
                .toList();
    }

    /** Fails with every serious or critical violation of the page the browser shows, named by its path. */
    public static void assertAccessible(Browser browser) {
        List<String> found = violations(browser);
        if (!found.isEmpty()) {
            throw new AssertionError("axe-core: " + found.size() + " serious or critical WCAG 2.1 A/AA violation(s) on "
                    + browser.path() + "\n  " + String.join("\n  ", found));
        }
    }

    private static String load() {
        try (InputStream pom = Axe.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("The axe-core webjar is not on the test class path");
            }
            Properties p = new Properties();
            p.load(pom);
            String path = "/META-INF/resources/webjars/axe-core/" + p.getProperty("version") + "/axe.min.js";
            try (InputStream js = Axe.class.getResourceAsStream(path)) {
                if (js == null) {
                    throw new IllegalStateException("No " + path + " in the axe-core webjar");
                }
                return new String(js.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
