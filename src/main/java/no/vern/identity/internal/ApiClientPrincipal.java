package no.vern.identity.internal;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import no.vern.identity.ApiScope;
import no.vern.shared.Actor;
import no.vern.shared.ActorSource;

/** An API client authenticated by a bearer token; its authorities are the token's scopes. */
final class ApiClientPrincipal extends AbstractAuthenticationToken implements ActorSource {

    private final UUID tokenId;
    private final String name;

    ApiClientPrincipal(UUID tokenId, String name, Set<ApiScope> scopes) {
        super(authorities(scopes));
        this.tokenId = tokenId;
        this.name = name;
        setAuthenticated(true);
    }

    private static Collection<? extends GrantedAuthority> authorities(Set<ApiScope> scopes) {
        return scopes.stream().map(s -> new SimpleGrantedAuthority(s.authority())).toList();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return this;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Actor actor() {
        return new Actor(Actor.Kind.API_CLIENT, tokenId.toString());
    }
}
