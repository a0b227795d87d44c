package no.vern.identity.internal;

import java.io.Serial;
import java.util.UUID;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import no.vern.identity.StaffAccount;
import no.vern.shared.Actor;
import no.vern.shared.ActorSource;

/**
 * A staff member signed in through an identity provider, as Spring Security keeps it in the session: the Vern
 * account's roles as of the sign-in, and its username as the principal name (so ending the account's sessions
 * finds this one too). The ID token stays for the provider's logout; it is never logged.
 */
final class SsoPrincipal extends DefaultOidcUser implements ActorSource {

    @Serial
    private static final long serialVersionUID = 1L;

    private final UUID accountId;
    private final String username;
    private final String provider;

    SsoPrincipal(StaffAccount account, String provider, OidcIdToken idToken) {
        super(account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(), idToken);
        this.accountId = account.id();
        this.username = account.username();
        this.provider = provider;
    }

    UUID accountId() {
        return accountId;
    }

    String provider() {
        return provider;
    }

    @Override
    public String getName() {
        return username;
    }

    @Override
    public Actor actor() {
        return new Actor(Actor.Kind.STAFF, username);
    }

    @Override
    public String toString() {
        return "SsoPrincipal[" + username + ", " + provider + "]";
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object other) {
        return other instanceof SsoPrincipal p && p.accountId.equals(accountId);
    }

    @Override
    public int hashCode() {
        return accountId.hashCode();
    }
}
