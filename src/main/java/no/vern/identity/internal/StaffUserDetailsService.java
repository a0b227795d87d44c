package no.vern.identity.internal;

import java.time.Clock;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads staff accounts for form login, with lockouts computed from the injected clock. */
@Service
class StaffUserDetailsService implements UserDetailsService {

    private final StaffUsers users;
    private final Clock clock;

    StaffUserDetailsService(StaffUsers users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.byUsername(normalise(username))
                .map(c -> new StaffPrincipal(c.account(), c.passwordHash(), c.account().lockedAt(clock.instant())))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
