package no.vern.identity.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.NotFound;

/** Staff account administration with validation and an audit entry per change. */
@Service
class StaffAccountService implements StaffAccounts {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

    private final StaffUsers users;
    private final PasswordEncoder encoder;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordPolicy policy;
    private final FailureLimits limits;
    private final TotpSecrets totp;
    private final SsoProperties sso;

    StaffAccountService(StaffUsers users, PasswordEncoder encoder, AuditLog audit, Clock clock, PasswordPolicy policy,
            FailureLimits limits, TotpSecrets totp, SsoProperties sso) {
        this.sso = sso;
        this.users = users;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.policy = policy;
        this.limits = limits;
        this.totp = totp;
    }

    @Override
    public List<StaffAccount> list() {
        return users.all().stream().map(this::withDelay).toList();
    }

    @Override
    public java.util.Map<String, String> signInProviders() {
        java.util.Map<String, String> names = new java.util.LinkedHashMap<>();
        sso.configured().forEach((id, p) -> names.put(id, p.name(id)));
        return names;
    }

    @Override
    public Optional<StaffAccount> find(UUID id) {
        return users.byId(id).map(this::withDelay);
    }

    /** The account as this node sees it: with the login delay its failures left, if any. */
    private StaffAccount withDelay(StaffAccount account) {
        java.time.Duration wait = limits.accountWait(account.username());
        return wait.isZero() ? account : account.withLoginDelayedUntil(clock.instant().plus(wait));
    }

    @Override
    @Transactional
    public StaffAccount create(String username, String password, Set<Role> roles) {
        String name = StaffUserDetailsService.normalise(username);
        var errors = new java.util.ArrayList<InvalidInput.FieldError>();
        if (!USERNAME.matcher(name).matches()) {
            errors.add(InvalidInput.FieldError.coded("username",
                    "2 to 40 lower-case letters, digits, dots, dashes or underscores (no email addresses)", "identity.error.username"));
        }
        passwordErrors(name, password).ifPresent(errors::add);
        if (roles.isEmpty()) {
            errors.add(InvalidInput.FieldError.coded("roles", "at least one role is required", "identity.error.noRole"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (users.byUsername(name).isPresent()) {
            throw new Conflict("username-taken", "Username taken", "An account with this username already exists.");
        }
        UUID id = UUID.randomUUID();
        users.insert(id, name, encoder.encode(password), roles, clock.instant());
        audit.record(AuditEvent.of("identity.user.created", Outcome.SUCCESS).withTargets("user:" + id));
        return users.byId(id).orElseThrow();
    }

    @Override
    @Transactional
    public StaffAccount changeRoles(UUID id, Set<Role> roles) {
        require(id);
        if (roles.isEmpty()) {
            throw new InvalidInput("roles", "at least one role is required", "identity.error.noRole");
        }
        users.replaceRoles(id, roles);
        audit.record(AuditEvent.of("identity.user.roles-changed", Outcome.SUCCESS).withTargets("user:" + id));
        return users.byId(id).orElseThrow();
    }

    @Override
    @Transactional
    public StaffAccount setEnabled(UUID id, boolean enabled) {
        require(id);
        StaffAccount account = users.byId(id).orElseThrow();
        users.setEnabled(id, enabled, clock.instant());
        if (!enabled) {
            users.endSessions(account.username());
        }
        audit.record(AuditEvent.of(enabled ? "identity.user.enabled" : "identity.user.disabled", Outcome.SUCCESS)
                .withTargets("user:" + id));
        return users.byId(id).orElseThrow();
    }

    @Override
    @Transactional
    public void resetPassword(UUID id, String password) {
        require(id);
        StaffAccount account = users.byId(id).orElseThrow();
        passwordErrors(account.username(), password).ifPresent(e -> {
            throw new InvalidInput(List.of(e));
        });
        users.setPassword(id, encoder.encode(password), clock.instant());
        users.endSessions(account.username());
        limits.forgetAccount(account.username());
        audit.record(AuditEvent.of("identity.user.password-reset", Outcome.SUCCESS).withTargets("user:" + id));
    }

    @Override
    @Transactional
    public StaffAccount unlock(UUID id) {
        require(id);
        limits.forgetAccount(users.byId(id).orElseThrow().username());
        audit.record(AuditEvent.of("identity.user.unlocked", Outcome.SUCCESS).withTargets("user:" + id));
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public StaffAccount resetTwoFactor(UUID id) {
        require(id);
        boolean removed = totp.remove(id);
        audit.record(AuditEvent.of("identity.user.two-factor-reset", removed ? Outcome.SUCCESS : Outcome.FAILURE)
                .withTargets("user:" + id));
        return find(id).orElseThrow();
    }

    private void require(UUID id) {
        if (users.byId(id).isEmpty()) {
            throw new NotFound("User", id);
        }
    }

    private Optional<InvalidInput.FieldError> passwordErrors(String username, String password) {
        return policy.check(username, password).map(r -> InvalidInput.FieldError.coded("password", r.detail(), r.messageKey()));
    }
}
