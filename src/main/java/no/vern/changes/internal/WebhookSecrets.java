package no.vern.changes.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import no.vern.changes.Webhooks;
import no.vern.shared.JdbcTime;
import no.vern.shared.KernelCipher;

/**
 * The subscriptions' signing secrets, sealed by the kernel cipher (bound to the secret's id, so a copied ciphertext
 * does not open). Vern must sign with the secret itself, so unlike connector credentials it cannot keep a reference
 * only; the value is shown once, when it is made. A rotation makes a new secret and lets the current ones retire at
 * the end of the overlap; until then every unretired secret signs.
 */
@Component
class WebhookSecrets {

    private static final String CATEGORY = "changes-webhook-secret";

    private final JdbcClient jdbc;
    private final KernelCipher cipher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebhookSecrets(JdbcClient jdbc, KernelCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Makes a new current secret; the ones current until now retire after {@code overlap}. Returns {@code whsec_…}. */
    String issue(UUID subscription, Duration overlap) {
        Instant now = clock.instant();
        jdbc.sql("""
                UPDATE changes_webhook_secret SET retires_at = :retires
                 WHERE subscription_id = :subscription AND (retires_at IS NULL OR retires_at > :retires)""")
                .param("retires", JdbcTime.param(now.plus(overlap))).param("subscription", subscription).update();
        jdbc.sql("DELETE FROM changes_webhook_secret WHERE subscription_id = :subscription AND retires_at <= :now")
                .param("subscription", subscription).param("now", JdbcTime.param(now)).update();
        UUID id = UUID.randomUUID();
        byte[] key = WebhookSigner.newKey(random);
        jdbc.sql("""
                INSERT INTO changes_webhook_secret (id, subscription_id, sealed, created_at)
                VALUES (:id, :subscription, :sealed, :now)""").param("id", id).param("subscription", subscription)
                .param("sealed", cipher.encrypt(CATEGORY, id, key)).param("now", JdbcTime.param(now)).update();
        return WebhookSigner.secret(key);
    }

    /** The keys that sign now: the current secret and those still in their overlap, newest first. */
    List<byte[]> signingKeys(UUID subscription) {
        return jdbc.sql("""
                SELECT id, sealed FROM changes_webhook_secret
                 WHERE subscription_id = :subscription AND (retires_at IS NULL OR retires_at > :now)
                 ORDER BY created_at DESC, id""").param("subscription", subscription)
                .param("now", JdbcTime.param(clock.instant()))
                .query((rs, n) -> cipher.decrypt(CATEGORY, rs.getObject("id", UUID.class), rs.getBytes("sealed"))).list();
    }

    /** The secrets that sign now, without their values. */
    List<Webhooks.Secret> describe(UUID subscription) {
        return jdbc.sql("""
                SELECT id, created_at, retires_at FROM changes_webhook_secret
                 WHERE subscription_id = :subscription AND (retires_at IS NULL OR retires_at > :now)
                 ORDER BY created_at DESC, id""").param("subscription", subscription)
                .param("now", JdbcTime.param(clock.instant()))
                .query((rs, n) -> new Webhooks.Secret(rs.getObject("id", UUID.class), JdbcTime.required(rs, "created_at"),
                        JdbcTime.instant(rs, "retires_at"))).list();
    }
}
