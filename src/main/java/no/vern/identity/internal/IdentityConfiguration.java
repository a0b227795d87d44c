package no.vern.identity.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.identity.Role;
import no.vern.shared.ConsoleSection;

/** Wires identity's settings and its place in the console navigation. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BootstrapProperties.class)
class IdentityConfiguration {

    @Bean
    ConsoleSection identityConsoleSection() {
        return new ConsoleSection(900, "/console/identity", "identity.nav", java.util.List.of(Role.PRIVACY_OFFICER.name()));
    }
}
