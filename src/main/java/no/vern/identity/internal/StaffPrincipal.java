package no.vern.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import no.vern.identity.StaffAccount;
import no.vern.shared.Actor;
import no.vern.shared.ActorSource;

/** A logged-in staff member as Spring Security holds it in the session. */
final class StaffPrincipal implements UserDetails, CredentialsContainer, ActorSource, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID id;
    private final String username;
    private @Nullable String passwordHash;
    private final boolean enabled;
    private final List<String> authorities;

    StaffPrincipal(StaffAccount account, String passwordHash) {
        this.id = account.id();
        this.username = account.username();
        this.passwordHash = passwordHash;
        this.enabled = account.enabled();
        this.authorities = account.roles().stream().map(r -> r.authority()).sorted().toList();
    }

    UUID id() {
        return id;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities.stream().map(SimpleGrantedAuthority::new).toList();
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public Actor actor() {
        return new Actor(Actor.Kind.STAFF, username);
    }

    @Override
    public String toString() {
        return "StaffPrincipal[" + username + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StaffPrincipal p && p.id.equals(id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
