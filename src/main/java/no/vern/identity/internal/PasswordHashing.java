package no.vern.identity.internal;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How staff passwords are hashed: bcrypt with the {@code {id}} prefix (so that hashes can be upgraded later), at the
 * work factor {@code vern.identity.bcrypt-cost}: 10 in {@code application.yml}, Spring Security's default. The test
 * suite sets 4: it signs in and creates accounts thousands of times, and bcrypt at 10 was 12 % of its JVM's CPU. A
 * stored hash carries its own cost, so the setting changes only new hashes; hashes of the other ids Spring Security
 * knows still match.
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

    /** The lowest cost Vern starts with without a warning. */
    static final int RECOMMENDED_MINIMUM = 10;
    private static final Logger log = LoggerFactory.getLogger(PasswordHashing.class);

    @Bean
    PasswordEncoder passwordEncoder(@Value("${vern.identity.bcrypt-cost:10}") int cost) {
        return encoder(cost);
    }

    /** The encoder at {@code cost} (4–31, bcrypt's own bounds; below {@value #RECOMMENDED_MINIMUM} with a warning). */
    static PasswordEncoder encoder(int cost) {
        if (cost < 4 || cost > 31) {
            throw new IllegalStateException("vern.identity.bcrypt-cost must be between 4 and 31, not " + cost);
        }
        if (cost < RECOMMENDED_MINIMUM) {
            log.warn("vern.identity.bcrypt-cost is {}, below {}: a stolen password hash is cheap to guess", cost,
                    RECOMMENDED_MINIMUM);
        }
        DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(cost)));
        encoder.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return encoder;
    }
}
