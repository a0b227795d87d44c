package no.vern.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import no.vern.shared.JdbcTime;
import no.vern.shared.KernelCipher;

/**
 * Staff members' TOTP secrets ({@code identity_staff_totp}): encrypted with the kernel's data key (AES-GCM bound
 * to the category and the user id, so a secret copied to another user's row does not decrypt), enrolled
 * unconfirmed, in force once confirmed with a code, and each accepted code's step remembered so that no code is
 * accepted twice (RFC 6238 section 5.2).
 */
@Repository
class TotpSecrets {

    private static final String CATEGORY = "identity-totp-secret";

    private final JdbcClient jdbc;
    private final KernelCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TotpSecrets(JdbcClient jdbc, KernelCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Whether the user has a confirmed second factor (the login then asks for the code). */
    boolean enabled(UUID user) {
        return jdbc.sql("SELECT count(*) FROM identity_staff_totp WHERE user_id = :id AND confirmed_at IS NOT NULL")
                .param("id", user).query(Long.class).single() > 0;
    }

    /** When the second factor was confirmed, if it is in force. */
    Optional<Instant> confirmedAt(UUID user) {
        return jdbc.sql("SELECT confirmed_at FROM identity_staff_totp WHERE user_id = :id AND confirmed_at IS NOT NULL")
                .param("id", user).query((rs, n) -> JdbcTime.required(rs, "confirmed_at")).optional();
    }

    /**
     * A new secret for the user, stored unconfirmed (replacing an earlier unconfirmed one); empty when a confirmed
     * factor is in force already (it must be disabled first).
     */
    Optional<byte[]> enrol(UUID user) {
        byte[] secret = new byte[Totp.SECRET_BYTES];
        random.nextBytes(secret);
        int rows = jdbc.sql("""
                INSERT INTO identity_staff_totp (user_id, secret, created_at) VALUES (:id, :secret, :now)
                ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = EXCLUDED.created_at,
                                                    last_step = NULL
                 WHERE identity_staff_totp.confirmed_at IS NULL
                """).param("id", user).param("secret", cipher.encrypt(CATEGORY, user, secret))
                .param("now", ts(clock.instant())).update();
        return rows == 1 ? Optional.of(secret) : Optional.empty();
    }

    /** Confirms an unconfirmed enrolment with a current code; false when the code does not match (or nothing waits). */
    boolean confirm(UUID user, String code) {
        Optional<byte[]> secret = secret(user, false);
        if (secret.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(secret.get(), code, clock.instant());
        if (step.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                UPDATE identity_staff_totp SET confirmed_at = :now, last_step = :step
                 WHERE user_id = :id AND confirmed_at IS NULL
                """).param("now", ts(clock.instant())).param("step", step.getAsLong()).param("id", user).update() == 1;
    }

    /**
     * Whether the code is right for the user's confirmed factor and not used before: the step is claimed in the same
     * statement that checks it was not claimed (two requests with one code cannot both pass).
     */
    boolean verify(UUID user, String code) {
        Optional<byte[]> secret = secret(user, true);
        if (secret.isEmpty()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(secret.get(), code, clock.instant());
        if (step.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                UPDATE identity_staff_totp SET last_step = :step
                 WHERE user_id = :id AND confirmed_at IS NOT NULL AND (last_step IS NULL OR last_step < :step)
                """).param("step", step.getAsLong()).param("id", user).update() == 1;
    }

    /** Removes the user's factor, confirmed or not; false when there was none. */
    boolean remove(UUID user) {
        return jdbc.sql("DELETE FROM identity_staff_totp WHERE user_id = :id").param("id", user).update() == 1;
    }

    private Optional<byte[]> secret(UUID user, boolean confirmed) {
        return jdbc.sql("SELECT secret FROM identity_staff_totp WHERE user_id = :id AND (confirmed_at IS NOT NULL) = :confirmed")
                .param("id", user).param("confirmed", confirmed)
                .query((rs, n) -> Objects.requireNonNull(rs.getBytes("secret"))).optional()
                .map(sealed -> cipher.decrypt(CATEGORY, user, sealed));
    }

    private static Object ts(Instant instant) {
        return Objects.requireNonNull(JdbcTime.param(instant));
    }
}
