package no.vern.identity.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.identity.Role;
import no.vern.identity.StaffAccount;
import no.vern.shared.Actor;

/**
 * What the identity provider's SCIM calls do to staff accounts (RFC 7643/7644, the subset providers use): a
 * provisioned account has no password and signs in through the provider; its roles follow its groups through the
 * configured mapping; deactivating or deleting it ends its live sessions and revokes the API tokens it issued at
 * once, in the same transaction. Every change is audited by account or group id, naming the provider's token.
 */
@Service
class ScimProvisioning {

    /** A SCIM error (RFC 7644 section 3.12): its HTTP status, {@code scimType} and a detail without personal data. */
    static final class ScimError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final HttpStatus status;
        private final @Nullable String scimType;

        ScimError(HttpStatus status, @Nullable String scimType, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.scimType = scimType;
        }

        HttpStatus status() {
            return status;
        }

        @Nullable String scimType() {
            return scimType;
        }
    }

    private final ScimDirectory directory;
    private final StaffUsers users;
    private final ApiTokenService tokens;
    private final SsoProperties settings;
    private final AuditLog audit;
    private final Clock clock;

    ScimProvisioning(ScimDirectory directory, StaffUsers users, ApiTokenService tokens, SsoProperties settings,
            AuditLog audit, Clock clock) {
        this.directory = directory;
        this.users = users;
        this.tokens = tokens;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    ScimDirectory.ScimUser createUser(String userName, @Nullable String externalId, boolean active) {
        String name = userName(userName);
        if (users.byIdpUsername(name).isPresent()) {
            throw new ScimError(HttpStatus.CONFLICT, "uniqueness", "A user with this userName exists.");
        }
        UUID id = UUID.randomUUID();
        users.insertWithoutPassword(id, SsoAccounts.usernameFor(name, users::usernameTaken), null, null, name, externalId,
                active, Set.of(), clock.instant());
        audit.record(AuditEvent.of("identity.scim.user-created", Outcome.SUCCESS).withTargets("user:" + id));
        return directory.user(id).orElseThrow();
    }

    @Transactional
    ScimDirectory.ScimUser replaceUser(UUID id, String userName, @Nullable String externalId, boolean active) {
        ScimDirectory.ScimUser user = user(id);
        String name = userName(userName);
        if (!name.equalsIgnoreCase(user.userName())
                && users.byIdpUsername(name).filter(a -> !a.id().equals(id)).isPresent()) {
            throw new ScimError(HttpStatus.CONFLICT, "uniqueness", "A user with this userName exists.");
        }
        directory.update(id, name, externalId, clock.instant());
        audit.record(AuditEvent.of("identity.scim.user-replaced", Outcome.SUCCESS).withTargets("user:" + id));
        return setActive(id, active);
    }

    /** Activates or deactivates; deactivation ends the account's sessions and revokes its tokens at once. */
    @Transactional
    ScimDirectory.ScimUser setActive(UUID id, boolean active) {
        ScimDirectory.ScimUser user = user(id);
        if (user.active() != active) {
            StaffAccount account = users.byId(id).orElseThrow();
            users.setEnabled(id, active, clock.instant());
            if (!active) {
                endAccess(account);
            }
            audit.record(AuditEvent.of(active ? "identity.scim.user-activated" : "identity.scim.user-deactivated",
                    Outcome.SUCCESS).withTargets("user:" + id));
        }
        return user(id);
    }

    @Transactional
    ScimDirectory.ScimUser setExternalId(UUID id, @Nullable String externalId) {
        ScimDirectory.ScimUser user = user(id);
        directory.update(id, user.userName(), externalId, clock.instant());
        return user(id);
    }

    /** The provider deleted the user: the account is disabled for good and forgets the provider's names for it. */
    @Transactional
    void deleteUser(UUID id) {
        user(id);
        StaffAccount account = users.byId(id).orElseThrow();
        directory.markDeleted(id, clock.instant());
        users.replaceRoles(id, Set.of());
        endAccess(account);
        audit.record(AuditEvent.of("identity.scim.user-deleted", Outcome.SUCCESS).withTargets("user:" + id));
    }

    @Transactional
    ScimDirectory.ScimGroup createGroup(String displayName, @Nullable String externalId, Set<UUID> members) {
        String name = groupName(displayName);
        if (directory.groupNameTaken(name, null)) {
            throw new ScimError(HttpStatus.CONFLICT, "uniqueness", "A group with this displayName exists.");
        }
        UUID id = UUID.randomUUID();
        directory.insertGroup(id, name, externalId, clock.instant());
        audit.record(AuditEvent.of("identity.scim.group-created", Outcome.SUCCESS).withTargets("group:" + id));
        changeMembers(id, members, Set.of());
        return directory.group(id).orElseThrow();
    }

    @Transactional
    ScimDirectory.ScimGroup replaceGroup(UUID id, String displayName, @Nullable String externalId, Set<UUID> members) {
        ScimDirectory.ScimGroup group = group(id);
        String name = groupName(displayName);
        if (directory.groupNameTaken(name, id)) {
            throw new ScimError(HttpStatus.CONFLICT, "uniqueness", "A group with this displayName exists.");
        }
        directory.renameGroup(id, name, externalId, clock.instant());
        Set<UUID> removed = new java.util.HashSet<>(group.members());
        removed.removeAll(members);
        changeMembers(id, members, removed);
        // A new name can map to other roles: every member's roles are worked out again.
        members.forEach(this::recomputeRoles);
        return group(id);
    }

    @Transactional
    ScimDirectory.ScimGroup patchGroup(UUID id, @Nullable String rename, Set<UUID> add, Set<UUID> remove,
            boolean removeAll) {
        ScimDirectory.ScimGroup group = group(id);
        if (rename != null) {
            replaceGroup(id, rename, group.externalId(), group.members());
        }
        Set<UUID> removed = new java.util.HashSet<>(remove);
        if (removeAll) {
            removed.addAll(group.members());
        }
        removed.removeAll(add);
        changeMembers(id, add, removed);
        return group(id);
    }

    @Transactional
    void deleteGroup(UUID id) {
        ScimDirectory.ScimGroup group = group(id);
        directory.deleteGroup(id);
        audit.record(AuditEvent.of("identity.scim.group-deleted", Outcome.SUCCESS).withTargets("group:" + id));
        group.members().forEach(this::recomputeRoles);
    }

    ScimDirectory.ScimUser user(UUID id) {
        return directory.user(id).orElseThrow(() -> new ScimError(HttpStatus.NOT_FOUND, null, "No such user."));
    }

    ScimDirectory.ScimGroup group(UUID id) {
        return directory.group(id).orElseThrow(() -> new ScimError(HttpStatus.NOT_FOUND, null, "No such group."));
    }

    private void changeMembers(UUID group, Set<UUID> add, Set<UUID> remove) {
        for (UUID user : add) {
            if (directory.user(user).isEmpty()) {
                throw new ScimError(HttpStatus.BAD_REQUEST, "invalidValue", "A member is not a provisioned user.");
            }
        }
        add.forEach(u -> directory.addMember(group, u));
        remove.forEach(u -> directory.removeMember(group, u));
        if (!add.isEmpty() || !remove.isEmpty()) {
            directory.touchGroup(group, clock.instant());
            audit.record(AuditEvent.of("identity.scim.group-members-changed", Outcome.SUCCESS)
                    .withTargets("group:" + group));
        }
        add.forEach(this::recomputeRoles);
        remove.forEach(this::recomputeRoles);
    }

    /**
     * The account's roles as its groups give them now (when a SCIM role mapping is configured). A role taken away
     * ends the account's sessions, so it is gone at once rather than at the next sign-in.
     */
    private void recomputeRoles(UUID user) {
        RoleMapping mapping = settings.scim().roles();
        if (mapping.isEmpty()) {
            return;
        }
        StaffAccount account = users.byId(user).orElseThrow();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(mapping.rolesOf(directory.groupNamesOf(user)));
        if (roles.equals(account.roles())) {
            return;
        }
        users.replaceRoles(user, roles);
        audit.record(AuditEvent.of("identity.user.roles-changed", Outcome.SUCCESS).withTargets("user:" + user));
        if (!roles.containsAll(account.roles())) {
            users.endSessions(account.username());
        }
    }

    private void endAccess(StaffAccount account) {
        users.endSessions(account.username());
        tokens.revokeIssuedBy(new Actor(Actor.Kind.STAFF, account.username()).reference());
    }

    private static String userName(String userName) {
        String name = userName.strip();
        if (name.isEmpty() || name.length() > 320) {
            throw new ScimError(HttpStatus.BAD_REQUEST, "invalidValue", "userName is required (at most 320 characters).");
        }
        return name;
    }

    private static String groupName(String displayName) {
        String name = displayName.strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new ScimError(HttpStatus.BAD_REQUEST, "invalidValue", "displayName is required (at most 200 characters).");
        }
        return name;
    }
}
