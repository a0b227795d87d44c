package no.vern.identity.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads staff accounts for form login. There is no account lock: failed attempts are held back by the progressive
 * delay of {@link FailureLimits} before the password is checked. An account that signs in through an identity
 * provider has no password and never logs in here, and no account does while local passwords are switched off
 * ({@code vern.identity.local-passwords=false}).
 */
@Service
class StaffUserDetailsService implements UserDetailsService {

    private final StaffUsers users;
    private final SsoProperties settings;

    StaffUserDetailsService(StaffUsers users, SsoProperties settings) {
        this.users = users;
        this.settings = settings;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (!settings.localPasswords()) {
            throw new UsernameNotFoundException("Local passwords are switched off");
        }
        return users.byUsername(normalise(username))
                .filter(c -> c.passwordHash() != null)
                .map(c -> new StaffPrincipal(c.account(), java.util.Objects.requireNonNull(c.passwordHash())))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
