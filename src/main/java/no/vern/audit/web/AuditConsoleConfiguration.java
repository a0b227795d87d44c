package no.vern.audit.web;

import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.audit.AuditChain;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;

/** Puts the audit log into the console: its navigation entry and its dashboard figures. */
@Configuration(proxyBeanMethods = false)
class AuditConsoleConfiguration {

    static final List<String> ROLES = List.of("PRIVACY_OFFICER", "AUDITOR");

    @Bean
    ConsoleSection auditConsoleSection() {
        return new ConsoleSection(800, AuditConsoleController.PATH, "audit.nav", ROLES);
    }

    @Bean
    DashboardTile.Source auditDashboardTiles(AuditChain chain, MessageSource messages) {
        return new AuditDashboardTiles(chain, messages);
    }
}
