package no.vern.website.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import no.vern.shared.VernClock;

/**
 * The daily salt of the visitor hash (S16). Every node uses the same salt for a day (the first
 * node to need it creates it); the rotation deletes every older salt, and this node forgets its
 * cached copy when the day changes, so yesterday's hashes cannot be recomputed from an IP address.
 */
@Repository
class Salts {

    private static final Logger log = LoggerFactory.getLogger(Salts.class);

    private record DaySalt(LocalDate day, byte[] salt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<@Nullable DaySalt> current = new AtomicReference<>();

    Salts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Today's date in Oslo, the unit of salting and aggregation. */
    LocalDate today() {
        return LocalDate.now(clock.withZone(VernClock.ZONE));
    }

    /** Today's salt, creating it (and destroying older ones) on the first use of the day. */
    byte[] todays() {
        LocalDate today = today();
        DaySalt cached = current.get();
        if (cached != null && cached.day().equals(today)) {
            return cached.salt();
        }
        byte[] salt = rotate(today);
        current.set(new DaySalt(today, salt));
        return salt;
    }

    /** Creates the salt of {@code day} if missing and deletes every older salt; returns the day's salt. */
    @Transactional
    byte[] rotate(LocalDate day) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        jdbc.sql("INSERT INTO website_salt (day, salt) VALUES (:day, :salt) ON CONFLICT (day) DO NOTHING")
                .param("day", day).param("salt", fresh).update();
        int destroyed = jdbc.sql("DELETE FROM website_salt WHERE day < :day").param("day", day).update();
        if (destroyed > 0) {
            log.info("Destroyed {} visitor-hash salt(s) older than {}", destroyed, day);
        }
        DaySalt cached = current.get();
        if (cached != null && cached.day().isBefore(day)) {
            current.compareAndSet(cached, null);
        }
        return jdbc.sql("SELECT salt FROM website_salt WHERE day = :day").param("day", day).query(byte[].class)
                .single();
    }

    /** The daily job: today's salt exists and every older one is gone. */
    void rotateNow() {
        rotate(today());
    }

    /** The days that still have a salt (for tests and the console). */
    List<LocalDate> days() {
        return jdbc.sql("SELECT day FROM website_salt ORDER BY day").query((rs, n) -> rs.getObject(1, LocalDate.class)).list();
    }

    /** Whether this node still holds a salt of another day than {@code day} in memory. */
    boolean cachesOtherThan(LocalDate day) {
        DaySalt cached = current.get();
        return cached != null && !cached.day().equals(day);
    }
}
