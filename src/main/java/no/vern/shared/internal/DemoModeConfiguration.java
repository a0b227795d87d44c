package no.vern.shared.internal;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.DemoMode;

/** Decides demo mode: {@code auto} means on for the embedded database and off for a real server. */
@Configuration(proxyBeanMethods = false)
class DemoModeConfiguration {

    @Bean
    DemoMode demoMode(@Value("${vern.demo.mode:auto}") String mode, @Value("${vern.data-dir:./data}") String dataDir,
            DatabaseEndpoint endpoint) {
        boolean enabled = switch (mode.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> endpoint.embedded();
        };
        return new DemoMode(enabled, Path.of(dataDir).toAbsolutePath().normalize());
    }
}
