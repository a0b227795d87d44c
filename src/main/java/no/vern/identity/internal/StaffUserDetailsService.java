package no.vern.identity.internal;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads staff accounts for form login. There is no account lock: failed attempts are held back by the progressive
 * delay of {@link FailureLimits} before the password is checked.
 */
@Service
class StaffUserDetailsService implements UserDetailsService {

    private final StaffUsers users;

    StaffUserDetailsService(StaffUsers users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.byUsername(normalise(username))
                .map(c -> new StaffPrincipal(c.account(), c.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
