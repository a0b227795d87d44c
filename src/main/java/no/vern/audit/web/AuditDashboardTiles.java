package no.vern.audit.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import no.vern.audit.AuditChain;
import no.vern.audit.AuditVerification;
import no.vern.shared.DashboardTile;

/** Dashboard figures of the audit log: the last verification's verdict and the sealing backlog. */
final class AuditDashboardTiles implements DashboardTile.Source {

    private final AuditChain chain;
    private final MessageSource messages;

    AuditDashboardTiles(AuditChain chain, MessageSource messages) {
        this.chain = chain;
        this.messages = messages;
    }

    @Override
    public List<DashboardTile> tiles() {
        var locale = LocaleContextHolder.getLocale();
        Optional<AuditVerification> last = chain.lastVerification();
        String verdict = last.map(v -> v.ok() ? messages.getMessage("audit.tile.chain.ok", null, locale)
                : messages.getMessage("audit.tile.chain.broken",
                        new Object[] { Objects.requireNonNull(v.firstBrokenLink()).chainSeq() }, locale))
                .orElseGet(() -> messages.getMessage("audit.tile.chain.never", null, locale));
        boolean broken = last.map(v -> !v.ok()).orElse(false);
        long unsealed = chain.unsealedCount();
        boolean overdue = last.map(v -> v.unsealedOverdue() > 0).orElse(false);
        return List.of(
                new DashboardTile(800, "audit.tile.chain", verdict, AuditConsoleController.PATH,
                        AuditConsoleConfiguration.ROLES, broken),
                new DashboardTile(801, "audit.tile.unsealed", Long.toString(unsealed), AuditConsoleController.PATH,
                        AuditConsoleConfiguration.ROLES, overdue));
    }
}
