package no.vern.breach.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.shared.JdbcTime;

/**
 * Mail of the breach module: written in the transaction of the change that causes it, sent by a
 * job with retries. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so with several nodes
 * each message is sent by one of them.
 */
@Component
class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final JavaMailSender mail;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final BreachProperties properties;

    Outbox(JdbcClient jdbc, JavaMailSender mail, TransactionTemplate tx, Clock clock, BreachProperties properties) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
    }

    /** Queues a message in the caller's transaction. */
    void enqueue(String recipient, String subject, String body) {
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO breach_outbox (id, recipient, subject, body, created_at, next_try_at)
                VALUES (:id, :recipient, :subject, :body, :now, :now)""").param("id", UUID.randomUUID())
                .param("recipient", recipient).param("subject", subject).param("body", body)
                .param("now", JdbcTime.param(now)).update();
    }

    record Pending(UUID id, String recipient, String subject, String body, int attempts) {
        @Override
        public String toString() {
            return "Pending[id=" + id + ", attempts=" + attempts + "]";
        }
    }

    /** Sends what is due, one committed batch at a time; returns how many were sent. */
    int sendPending() {
        int sent = 0;
        while (true) {
            Integer batch = tx.execute(status -> sendBatch());
            if (batch == null || batch <= 0) {
                return sent;
            }
            sent += batch;
        }
    }

    private int sendBatch() {
        Instant now = clock.instant();
        List<Pending> due = jdbc.sql("""
                SELECT id, recipient, subject, body, attempts FROM breach_outbox
                WHERE sent_at IS NULL AND attempts < :max AND next_try_at <= :now
                ORDER BY created_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
                .param("max", MAX_ATTEMPTS).param("now", JdbcTime.param(now)).param("batch", BATCH)
                .query(Pending.class).list();
        int sent = 0;
        for (Pending p : due) {
            try {
                SimpleMailMessage message = new SimpleMailMessage();
                message.setFrom(properties.mailFrom());
                message.setTo(p.recipient());
                message.setSubject(p.subject());
                message.setText(p.body());
                mail.send(message);
                jdbc.sql("UPDATE breach_outbox SET sent_at = :now, attempts = attempts + 1 WHERE id = :id")
                        .param("now", JdbcTime.param(now)).param("id", p.id()).update();
                sent++;
            } catch (RuntimeException e) {
                // Retry later with back-off; the log names the message id only, never addresses or text.
                Duration wait = Duration.ofMinutes(1L << Math.min(p.attempts(), 8));
                jdbc.sql("UPDATE breach_outbox SET attempts = attempts + 1, next_try_at = :next WHERE id = :id")
                        .param("next", JdbcTime.param(now.plus(wait))).param("id", p.id()).update();
                log.warn("Breach mail {} not sent (attempt {}): {}", p.id(), p.attempts() + 1, e.getClass().getName());
            }
        }
        // A batch where everything failed must end the loop.
        return sent == 0 ? 0 : sent;
    }
}
