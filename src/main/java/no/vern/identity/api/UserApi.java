package no.vern.identity.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.identity.StaffAccounts;
import no.vern.shared.NotFound;

/** Staff account administration over the API, for provisioning scripts (scope {@code users:admin}). */
@RestController
@RequestMapping("/api/v1/users")
@Tag(name = "Staff users", description = "Staff accounts and their roles")
class UserApi {

    private final StaffAccounts accounts;

    UserApi(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    record UserView(UUID id, String username, Set<Role> roles, boolean enabled,
            @Nullable Instant loginDelayedUntil, boolean twoFactor, @Nullable Instant lastLoginAt, Instant createdAt) {

        static UserView of(StaffAccount a) {
            return new UserView(a.id(), a.username(), a.roles(), a.enabled(), a.loginDelayedUntil(), a.twoFactor(),
                    a.lastLoginAt(), a.createdAt());
        }
    }

    record CreateUser(String username, String password, Set<Role> roles) {

        @Override
        public String toString() {
            return "CreateUser[username=" + username + ", password=***, roles=" + roles + "]";
        }
    }

    record ChangeUser(@Nullable Set<Role> roles, @Nullable Boolean enabled) {
    }

    @GetMapping
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "listUsers", summary = "List staff accounts")
    List<UserView> list() {
        return accounts.list().stream().map(UserView::of).toList();
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "getUser", summary = "One staff account")
    UserView get(@PathVariable UUID id) {
        return accounts.find(id).map(UserView::of).orElseThrow(() -> new NotFound("User", id));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "createUser", summary = "Create a staff account", description = "Password at least 12 characters; at least one role.")
    ResponseEntity<UserView> create(@RequestBody CreateUser body) {
        StaffAccount created = accounts.create(body.username(), body.password(),
                body.roles() == null ? Set.of() : body.roles());
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(UserView.of(created));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "changeUser", summary = "Change roles or enable/disable an account")
    UserView change(@PathVariable UUID id, @RequestBody ChangeUser body) {
        StaffAccount account = accounts.find(id).orElseThrow(() -> new NotFound("User", id));
        if (body.roles() != null) {
            account = accounts.changeRoles(id, body.roles());
        }
        if (body.enabled() != null) {
            account = accounts.setEnabled(id, body.enabled());
        }
        return UserView.of(account);
    }

    @PostMapping("/{id}/unlock")
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "unlockUser", summary = "Lift the login delay after failed logins (there is no lock; the delay ends by itself)")
    UserView unlock(@PathVariable UUID id) {
        return UserView.of(accounts.unlock(id));
    }

    @PostMapping("/{id}/two-factor/reset")
    @PreAuthorize("hasAuthority('SCOPE_users:admin')")
    @Operation(operationId = "resetUserTwoFactor", summary = "Switch off the user's two-step login without its code (lost device); audited")
    UserView resetTwoFactor(@PathVariable UUID id) {
        return UserView.of(accounts.resetTwoFactor(id));
    }
}
