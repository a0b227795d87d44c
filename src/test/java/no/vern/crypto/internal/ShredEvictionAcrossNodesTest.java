package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.SubjectKeyDestroyed;
import no.vern.shared.SubjectId;

/**
 * A shred on one node evicts the key cached on another node through LISTEN/NOTIFY, long before
 * the cache's own expiry (60 s).
 */
@SpringBootTest
@AutoConfigureMockMvc // unused here: it shares one context with the audit and processing tests instead of starting its own
class ShredEvictionAcrossNodesTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    @Autowired
    SubjectCipher cipher;

    @Autowired
    CryptoShredder shredder;

    @Autowired
    SubjectKeys keys;

    @Autowired
    ShredLedger ledger;

    @Autowired
    MasterKeyring master;

    @Autowired
    KeyStoreEndpoint endpoint;

    @Autowired
    Clock clock;

    private DataKeyCache otherCache;
    private ShredNotifications otherListener;
    private SubjectCipher otherNode;

    @BeforeEach
    void startSecondNode() {
        otherCache = new DataKeyCache(100, Duration.ofMinutes(10));
        otherListener = new ShredNotifications(endpoint, otherCache, "test-second-node-listener");
        otherListener.start();
        otherNode = new TinkSubjectCipher(keys, ledger, otherCache, master, clock,
                new CryptoMetrics(new SimpleMeterRegistry()), new KeyPool(keys, master, clock));
        await(otherListener::isListening);
    }

    @AfterEach
    void stopSecondNode() {
        otherListener.stop();
    }

    @Test
    void shredOnOneNodeEvictsTheKeyCachedOnAnother() {
        SubjectId subject = SubjectId.random();
        UUID record = UUID.randomUUID();
        byte[] ciphertext = cipher.encryptText(subject, "email", record, "kari@example.no");
        assertThat(otherNode.decryptText(subject, "email", record, ciphertext)).isEqualTo("kari@example.no");
        assertThat(otherCache.get(subject)).isNotNull();

        shredder.shred(subject);

        await(() -> otherCache.get(subject) == null);
        assertThatThrownBy(() -> otherNode.decrypt(subject, "email", record, ciphertext))
                .isInstanceOf(SubjectKeyDestroyed.class);
    }

    @Test
    void listenerStopsPromptly() {
        long started = System.nanoTime();
        otherListener.stop();

        assertThat(otherListener.isRunning()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(BOUND);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition reached within %s", BOUND).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
