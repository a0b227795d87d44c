package no.vern.console.web;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import no.vern.shared.DemoMode;

/** Tells the person who just ran {@code ./mvnw spring-boot:run} where Vern is and how to log in. */
@Component
class StartupBanner {

    private final Environment environment;
    private final DemoMode demo;

    StartupBanner(Environment environment, DemoMode demo) {
        this.environment = environment;
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port;
        StringBuilder text = new StringBuilder("\n  Vern is running.\n")
                .append("    Console:        ").append(base).append("/console\n")
                .append("    Privacy policy: ").append(base).append("/personvern  (English: /privacy)\n")
                .append("    API docs:       ").append(base).append("/swagger-ui.html\n");
        if (demo.enabled()) {
            text.append("    Demo logins:    ").append(demo.directory().resolve("demo-logins.txt"))
                    .append("  (e.g. user 'personvern', the privacy officer)\n");
            text.append("    Demo data:      loading in the background; the console fills within seconds\n");
        }
        System.out.println(text);
    }
}
