package no.vern.training.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiToken;
import no.vern.identity.ApiTokens;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;
import no.vern.shared.VernClock;
import no.vern.training.AccessItem;
import no.vern.training.AccessItem.Decision;
import no.vern.training.AccessItem.Kind;
import no.vern.training.AccessReview;
import no.vern.training.AccessReviews;
import no.vern.training.Offboarding;

/**
 * Quarterly access reviews over identity's accounts and tokens. A decision remembers what it
 * confirmed, so roles changed after the confirmation make the account unreviewed again.
 */
@Service
class AccessReviewService implements AccessReviews {

    private final StaffAccounts accounts;
    private final ApiTokens tokens;
    private final AccessDecisions decisions;
    private final AuditLog audit;
    private final Clock clock;

    AccessReviewService(StaffAccounts accounts, ApiTokens tokens, AccessDecisions decisions, AuditLog audit,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.decisions = decisions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public AccessReview current() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), VernClock.ZONE);
        int quarter = (today.getMonthValue() - 1) / 3 + 1;
        String period = today.getYear() + "-Q" + quarter;
        LocalDate dueOn = LocalDate.of(today.getYear(), quarter * 3, 1).plusMonths(1).minusDays(1);
        decisions.startIfAbsent(period, dueOn, clock.instant());
        Map<String, AccessDecisions.Stored> decided = decisions.of(period).stream()
                .collect(Collectors.toMap(d -> d.kind() + "/" + d.target(), Function.identity()));
        Instant now = clock.instant();
        List<AccessItem> items = new ArrayList<>();
        for (StaffAccount account : accounts.list()) {
            if (!account.enabled()) {
                continue;
            }
            Set<String> grants = AccessItem.names(account.roles());
            AccessDecisions.Stored d = decided.get(Kind.ACCOUNT + "/" + account.id());
            AccessDecisions.Stored valid = d != null && d.grants().equals(grants(grants)) ? d : null;
            items.add(new AccessItem(Kind.ACCOUNT, account.id(), account.username(), grants,
                    valid != null ? valid.decision() : null, valid != null ? valid.decidedAt() : null));
        }
        for (ApiToken token : tokens.list()) {
            if (!token.activeAt(now)) {
                continue;
            }
            Set<String> grants = token.scopes().stream().map(ApiScope::value).collect(Collectors.toSet());
            AccessDecisions.Stored d = decided.get(Kind.TOKEN + "/" + token.id());
            items.add(new AccessItem(Kind.TOKEN, token.id(), token.name(), grants, d == null ? null : d.decision(),
                    d == null ? null : d.decidedAt()));
        }
        return new AccessReview(period, dueOn, items);
    }

    @Override
    @Transactional
    public void confirmAccount(UUID staffId) {
        StaffAccount account = account(staffId);
        decide(Kind.ACCOUNT, staffId, Decision.CONFIRMED, AccessItem.names(account.roles()));
    }

    @Override
    @Transactional
    public void changeRoles(UUID staffId, Set<Role> keep) {
        account(staffId);
        if (keep.isEmpty()) {
            throw new InvalidInput("roles", "keep at least one role, or disable the account as a leaver", "training.error.keepRole");
        }
        StaffAccount changed = accounts.changeRoles(staffId, EnumSet.copyOf(keep));
        decide(Kind.ACCOUNT, staffId, Decision.CHANGED, AccessItem.names(changed.roles()));
    }

    @Override
    @Transactional
    public void confirmToken(UUID tokenId) {
        ApiToken token = token(tokenId);
        decide(Kind.TOKEN, tokenId, Decision.CONFIRMED,
                token.scopes().stream().map(ApiScope::value).collect(Collectors.toSet()));
    }

    @Override
    @Transactional
    public void revokeToken(UUID tokenId) {
        ApiToken token = token(tokenId);
        tokens.revoke(tokenId);
        decide(Kind.TOKEN, tokenId, Decision.REVOKED,
                token.scopes().stream().map(ApiScope::value).collect(Collectors.toSet()));
    }

    @Override
    @Transactional
    public Offboarding offboard(UUID staffId) {
        StaffAccount account = account(staffId);
        if (Actors.current().equals(new Actor(Actor.Kind.STAFF, account.username()))) {
            throw new InvalidInput("account", "you cannot disable your own account", "training.error.ownAccount");
        }
        accounts.setEnabled(staffId, false); // ends the account's sessions on every node at once
        List<ApiToken> revoked = tokens.revokeIssuedBy(new Actor(Actor.Kind.STAFF, account.username()).reference());
        decide(Kind.ACCOUNT, staffId, Decision.OFFBOARDED, Set.of());
        for (ApiToken token : revoked) {
            decide(Kind.TOKEN, token.id(), Decision.REVOKED,
                    token.scopes().stream().map(ApiScope::value).collect(Collectors.toSet()));
        }
        audit.record(AuditEvent.of("training.access.leaver-offboarded", Outcome.SUCCESS).withTargets("user:" + staffId));
        return new Offboarding(staffId, revoked.size());
    }

    private void decide(Kind kind, UUID target, Decision decision, Set<String> grants) {
        String period = current().period();
        decisions.decide(period, kind, target, decision, grants(grants), Actors.current().reference(), clock.instant());
        audit.record(AuditEvent.of("training.access.reviewed", Outcome.SUCCESS)
                .withTargets((kind == Kind.ACCOUNT ? "user:" : "token:") + target, "decision:" + decision.name().toLowerCase()));
    }

    private static String grants(Set<String> grants) {
        return String.join(",", new TreeSet<>(grants));
    }

    private StaffAccount account(UUID id) {
        return accounts.find(id).orElseThrow(() -> new NotFound("User", id));
    }

    private ApiToken token(UUID id) {
        return tokens.list().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFound("Token", id));
    }
}
