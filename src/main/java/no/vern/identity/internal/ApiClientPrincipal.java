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
final class ApiClientPrincipal extends AbstractAuthenticationToken {

    private final ApiClient client;

    /**
     * The client behind a token, as the security context's principal; its actor is made once per request, not on every
     * {@code Actors.current()} (each checks the id against a pattern).
     */
    record ApiClient(UUID tokenId, String name, Actor actor) implements ActorSource {

        ApiClient(UUID tokenId, String name) {
            this(tokenId, name, new Actor(Actor.Kind.API_CLIENT, tokenId.toString()));
        }
    }

    ApiClientPrincipal(UUID tokenId, String name, Set<ApiScope> scopes) {
        super(authorities(scopes));
        this.client = new ApiClient(tokenId, name);
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
        return client;
    }

    @Override
    public String getName() {
        return client.name();
    }
}
