package no.vern.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The baseline of the HTTP figures (issue 28, item 1): a plain Spring Boot webmvc application with one endpoint that
 * returns a constant ({@code GET /plain} answers {@code {"allowed":true}}), started by the harness as a separate JVM
 * with the same JVM options as Vern ({@link PlainServer}). Only what {@code spring-boot-starter-webmvc} configures
 * (Tomcat, the dispatcher servlet, Spring MVC, JSON): no security, no actuator, no database.
 *
 * <p>Deliberately not a {@code @Configuration} and its controller a non-static inner class, registered by a
 * {@code @Bean} method: component scanning never picks either up, so neither Vern's in-process context in the
 * harness nor any Spring test (they scan {@code no.vern}) gets this endpoint.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        HttpEncodingAutoConfiguration.class })
public class PlainApp {

    /** The constant answer, shaped like the consent check's. */
    public record Answer(boolean allowed) {
    }

    @RestController
    public class Endpoint {

        @GetMapping("/plain")
        public Answer plain() {
            return new Answer(true);
        }
    }

    @Bean
    public Endpoint plainEndpoint() {
        return new Endpoint();
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(PlainApp.class);
        app.run(args);
    }
}
