package no.vern.identity.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.shared.Actor;

/**
 * What a sign-in through an identity provider does to the staff account: finds it by the provider's subject (or a
 * provisioned account by its login name, bound at its first sign-in), creates one just in time for a person of an
 * allowed e-mail domain, and replaces its roles with those the provider's groups give now, so a person taken out of
 * a group loses the role at this sign-in. Refusals say why without naming the person; every outcome is audited by
 * account id and provider, never by e-mail.
 */
@Service
class SsoAccounts {

    /** Why a sign-in was refused; each has its own explanation on the login page. */
    enum Refusal {
        /** The e-mail domain is not one whose people may get an account, and no account exists. */
        DOMAIN,
        /** The provider gave no (verified) e-mail address and no account exists for the subject. */
        NO_EMAIL,
        /** The account is disabled in Vern (a leaver, or deactivated by provisioning). */
        DISABLED,
        /** The provider's groups give no Vern role. */
        NO_ROLE;

        String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The person as the provider describes them at this sign-in (from the validated ID token and user info). */
    record Identity(String subject, @Nullable String email, boolean emailUnverified,
            @Nullable Collection<String> groups) {

        @Override
        public String toString() {
            return "Identity[subject=***]";
        }
    }

    /** A refused sign-in. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Refusal reason;

        Refused(Refusal reason) {
            super("Sign-in refused: " + reason.code(), null, false, false);
            this.reason = reason;
        }

        Refusal reason() {
            return reason;
        }
    }

    private final StaffUsers users;
    private final AuditLog audit;
    private final Clock clock;

    SsoAccounts(StaffUsers users, AuditLog audit, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Signs a person in through {@code provider}: the account with its roles as of now, or {@link Refused}.
     * The roles come from the provider's groups claim when the token carries it (an empty claim takes every role
     * away); without the claim the roles provisioning gave stay.
     */
    @Transactional(noRollbackFor = Refused.class)
    StaffAccount signIn(String provider, SsoProperties.Provider settings, Identity who) {
        Optional<StaffAccount> found = users.byProviderSubject(provider, who.subject());
        String email = who.email() == null || who.emailUnverified() ? null : who.email().strip().toLowerCase(Locale.ROOT);
        if (found.isEmpty() && email != null) {
            found = users.byIdpUsername(email).filter(a -> users.bindSubject(a.id(), provider, who.subject(), clock.instant()));
        }
        List<String> domains = settings.domains();
        if (email != null && !domains.isEmpty() && !domains.contains(domainOf(email))) {
            throw refuse(provider, found.map(StaffAccount::id).orElse(null), Refusal.DOMAIN);
        }
        Set<Role> mapped = who.groups() == null ? null : settings.roles().rolesOf(who.groups());
        StaffAccount account;
        if (found.isPresent()) {
            account = found.get();
        } else {
            if (email == null) {
                throw refuse(provider, null, Refusal.NO_EMAIL);
            }
            if (domains.isEmpty()) {
                throw refuse(provider, null, Refusal.DOMAIN);
            }
            if (mapped == null || mapped.isEmpty()) {
                // No role: nothing to sign in to, and no reason to keep an account for the person.
                throw refuse(provider, null, Refusal.NO_ROLE);
            }
            UUID id = UUID.randomUUID();
            String username = usernameFor(email, users::usernameTaken);
            users.insertWithoutPassword(id, username, provider, who.subject(), email, null, true, mapped, clock.instant());
            audit.record(AuditEvent.by(Actor.system("sso-sign-in"), "identity.user.created", Outcome.SUCCESS)
                    .withTargets("user:" + id, "provider:" + provider));
            account = users.byId(id).orElseThrow();
        }
        if (!account.enabled()) {
            throw refuse(provider, account.id(), Refusal.DISABLED);
        }
        if (mapped != null && !mapped.equals(account.roles())) {
            users.replaceRoles(account.id(), mapped);
            audit.record(AuditEvent.by(Actor.system("sso-sign-in"), "identity.user.roles-changed", Outcome.SUCCESS)
                    .withTargets("user:" + account.id(), "provider:" + provider));
            account = users.byId(account.id()).orElseThrow();
        }
        if (account.roles().isEmpty()) {
            throw refuse(provider, account.id(), Refusal.NO_ROLE);
        }
        users.recordProviderSuccess(account.id(), provider, clock.instant());
        audit.record(AuditEvent.by(new Actor(Actor.Kind.STAFF, account.username()), "identity.login.succeeded",
                Outcome.SUCCESS).withTargets("user:" + account.id(), "provider:" + provider));
        return users.byId(account.id()).orElseThrow();
    }

    private Refused refuse(String provider, @Nullable UUID account, Refusal reason) {
        AuditEvent event = AuditEvent.by(Actor.ANONYMOUS, "identity.login.refused." + reason.code(), Outcome.DENIED);
        audit.record(account == null ? event.withTargets("provider:" + provider)
                : event.withTargets("user:" + account, "provider:" + provider));
        return new Refused(reason);
    }

    static String domainOf(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * A Vern username for a person known by {@code idpName} (an e-mail or login name): its local part in the
     * username alphabet, made unique with a number; never the e-mail itself (usernames name actors in the audit).
     */
    static String usernameFor(String idpName, Predicate<String> taken) {
        String local = idpName.contains("@") ? idpName.substring(0, idpName.indexOf('@')) : idpName;
        String base = local.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (base.length() > 34) {
            base = base.substring(0, 34);
        }
        if (base.length() < 2) {
            base = "sso-" + base;
        }
        String candidate = base;
        for (int n = 2; taken.test(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }
}
