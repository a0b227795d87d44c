package no.vern.audit.web;

import java.util.List;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.audit.AuditChain;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.AttentionItem;

/** Puts the audit log into the console: its navigation entry and its dashboard figures. */
@Configuration(proxyBeanMethods = false)
class AuditConsoleConfiguration {

    static final List<String> ROLES = List.of("PRIVACY_OFFICER", "AUDITOR");

    @Bean
    ConsoleSection auditConsoleSection() {
        return new ConsoleSection(800, AuditConsoleController.PATH, "audit.nav", ROLES, ConsoleSection.Group.DOCUMENTATION);
    }

    @Bean
    DashboardTile.Source auditDashboardTiles(AuditChain chain, MessageSource messages) {
        return new AuditDashboardTiles(chain, messages);
    }

    /**
     * The console's "needs attention" list: a broken chain (critical: the log may have been altered) and entries the
     * sealer has left unsealed for more than a minute, as the last verification found them.
     */
    @Bean
    AttentionItem.Source auditAttention(AuditChain chain) {
        return () -> chain.lastVerification().map(v -> {
            if (!v.ok()) {
                return List.of(new AttentionItem("audit", "audit.attention.broken", List.of(), null,
                        AttentionItem.Severity.CRITICAL, "audit.attention.action.verify", AuditConsoleController.PATH, ROLES));
            }
            long unsealed = chain.unsealedCount();
            return v.unsealedOverdue() > 0 && unsealed > 0
                    ? List.of(new AttentionItem("audit", "audit.attention.unsealed", List.of(Long.toString(unsealed)), null,
                            AttentionItem.Severity.WARNING, "audit.attention.action.verify", AuditConsoleController.PATH, ROLES))
                    : List.<AttentionItem>of();
        }).orElse(List.of());
    }
}
