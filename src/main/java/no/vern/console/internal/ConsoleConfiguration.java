package no.vern.console.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.shared.ConsoleSection;

/** The console's own navigation entries. */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    @Bean
    ConsoleSection outgoingMailSection() {
        return new ConsoleSection(950, "/console/mail", "console.mail.nav", List.of("PRIVACY_OFFICER"), ConsoleSection.Group.ADMINISTRATION);
    }
}
