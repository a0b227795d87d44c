package no.vern.crypto.internal;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Locale;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import no.vern.crypto.BlindIndex;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.MasterKeys;
import no.vern.crypto.SubjectCipher;
import no.vern.crypto.backup.BackupKey;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.DemoMode;
import no.vern.shared.KernelCipher;

/**
 * Wires the crypto module: key material, the key store's own pool (role {@code vern_key_store},
 * never the primary data source), the key cache and its cross-node eviction, and the API beans.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
@PropertySource("classpath:crypto/defaults.properties")
class CryptoConfiguration {

    static {
        try {
            AeadConfig.register();
            MacConfig.register();
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not register AEAD and MAC", e);
        }
    }

    @Bean
    KeyStoreEndpoint keyStoreEndpoint(CryptoProperties properties, DatabaseEndpoint main) {
        CryptoProperties.Db db = properties.db();
        if (db.url().isBlank()) {
            return new KeyStoreEndpoint(main.url(), main.user(), main.password());
        }
        return new KeyStoreEndpoint(db.url(), db.user(), db.password());
    }

    @Bean(destroyMethod = "close", defaultCandidate = false)
    @Qualifier("keyStoreDataSource")
    HikariDataSource keyStoreDataSource(KeyStoreEndpoint endpoint, CryptoProperties properties) {
        HikariDataSource ds = new HikariDataSource();
        ds.setPoolName("vern-keys");
        ds.setJdbcUrl(endpoint.url());
        ds.setUsername(endpoint.user());
        ds.setPassword(endpoint.password());
        ds.setConnectionInitSql("SET ROLE " + KeyStoreEndpoint.ROLE);
        ds.setMaximumPoolSize(properties.db().poolSize());
        ds.setMinimumIdle(0);
        ds.setConnectionTimeout(10_000);
        return ds;
    }

    @Bean
    MasterKeyring masterKeyring(CryptoProperties properties, DemoMode demo, DatabaseEndpoint main) {
        KeysetFiles.Loaded loaded = KeysetFiles.load("master", "VERN_MASTER_KEYSET", properties.masterKeyset(),
                properties.masterKeysetFile(), generate(properties, demo, main),
                keyDirectory(properties, demo).resolve("master-keyset.json"),
                () -> generate(PredefinedAeadParameters.AES256_GCM));
        return new MasterKeyring(loaded.handle(), loaded.file());
    }

    @Bean
    BlindIndex blindIndex(CryptoProperties properties, DemoMode demo, DatabaseEndpoint main) {
        KeysetFiles.Loaded loaded = KeysetFiles.load("blind-index", "VERN_INDEX_KEYSET", properties.indexKeyset(),
                properties.indexKeysetFile(), generate(properties, demo, main),
                keyDirectory(properties, demo).resolve("index-keyset.json"),
                () -> generate(HmacBlindIndex.parameters()));
        return new HmacBlindIndex(loaded.handle());
    }

    /**
     * The backup key, apart from the master key: loaded on first use (a backup, restore or drill), so that
     * a Vern without backups starts without one; generated in {@code backup-keys/} beside the key folder
     * where keys are generated (demo, embedded database).
     */
    @Bean
    BackupKey backupKey(CryptoProperties properties, DemoMode demo, DatabaseEndpoint main) {
        Path generated = (properties.backupDirectory().isBlank()
                ? keyDirectory(properties, demo).resolveSibling("backup-keys")
                : Path.of(properties.backupDirectory()).toAbsolutePath().normalize()).resolve("backup-keyset.json");
        boolean generate = generate(properties, demo, main);
        return new BackupKey() {
            private volatile @Nullable StreamingAead aead;

            @Override
            public StreamingAead streamingAead() {
                StreamingAead loaded = aead;
                if (loaded == null) {
                    synchronized (this) {
                        loaded = aead;
                        if (loaded == null) {
                            loaded = loadBackupKey(properties, generate, generated);
                            aead = loaded;
                        }
                    }
                }
                return loaded;
            }
        };
    }

    static StreamingAead loadBackupKey(CryptoProperties properties, boolean generate, Path generated) {
        if (!properties.backupKeysetFile().isBlank() && !properties.masterKeysetFile().isBlank()
                && Path.of(properties.backupKeysetFile()).toAbsolutePath().normalize()
                        .equals(Path.of(properties.masterKeysetFile()).toAbsolutePath().normalize())) {
            throw new IllegalStateException("VERN_BACKUP_KEYSET_FILE names the master keyset: the backup key must be "
                    + "a keyset of its own, kept apart from the master key");
        }
        if (!properties.backupKeyset().isBlank() && properties.backupKeyset().strip().equals(properties.masterKeyset().strip())) {
            throw new IllegalStateException("VERN_BACKUP_KEYSET is the master keyset: the backup key must be a keyset "
                    + "of its own, kept apart from the master key");
        }
        KeysetFiles.Loaded loaded = KeysetFiles.load("backup", "VERN_BACKUP_KEYSET", properties.backupKeyset(),
                properties.backupKeysetFile(), generate, generated,
                () -> generate(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB));
        try {
            return loaded.handle().getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The backup keyset is not a Tink streaming AEAD keyset (template "
                    + "AES256_GCM_HKDF_1MB): " + e.getClass().getSimpleName());
        }
    }

    @Bean
    SubjectKeys subjectKeys(@Qualifier("keyStoreDataSource") DataSource keyStore) {
        return new SubjectKeys(keyStore);
    }

    @Bean
    ShredLedger shredLedger(JdbcClient jdbc) {
        return new ShredLedger(jdbc);
    }

    @Bean
    CryptoMetrics cryptoMetrics(MeterRegistry registry) {
        return new CryptoMetrics(registry);
    }

    @Bean
    DataKeyCache dataKeyCache(CryptoProperties properties, MeterRegistry registry) {
        DataKeyCache cache = new DataKeyCache(properties.cache().maximumSize(), properties.cache().expireAfterWrite());
        CaffeineCacheMetrics.monitor(registry, cache.caffeine(), "vern.crypto.data-keys");
        return cache;
    }

    @Bean
    ShredNotifications shredNotifications(KeyStoreEndpoint endpoint, DataKeyCache cache) {
        return new ShredNotifications(endpoint, cache, "vern-key-shred-listener");
    }

    /** Keys generated ahead for new subjects; the unused ones are deleted when the node stops. */
    @Bean(destroyMethod = "close")
    KeyPool keyPool(SubjectKeys keys, MasterKeyring master, Clock clock) {
        return new KeyPool(keys, master, clock);
    }

    @Bean
    SubjectCipher subjectCipher(SubjectKeys keys, ShredLedger ledger, DataKeyCache cache, MasterKeyring master,
            Clock clock, CryptoMetrics metrics, KeyPool pool) {
        return new TinkSubjectCipher(keys, ledger, cache, master, clock, metrics, pool);
    }

    /** The shared kernel's key (queued mail), since the kernel may depend on no module. */
    @Bean
    KernelCipher kernelCipher(SubjectCipher cipher) {
        return new KernelKey(cipher);
    }

    @Bean
    CryptoShredder cryptoShredder(SubjectKeys keys, ShredLedger ledger, DataKeyCache cache, Clock clock,
            CryptoMetrics metrics, org.springframework.transaction.PlatformTransactionManager transactions) {
        return new LedgerShredder(keys, ledger, cache, clock, metrics, transactions);
    }

    @Bean
    MasterKeys masterKeys(MasterKeyring master, SubjectKeys keys, Clock clock, CryptoProperties properties,
            JdbcClient main) {
        return new MasterKeyRotation(master, keys, clock, properties.rewrapBatchSize(), main);
    }

    @Bean
    ShredReplayAtStartup shredReplayAtStartup(CryptoShredder shredder) {
        return new ShredReplayAtStartup(shredder);
    }

    @Bean
    ShredReplayCommand shredReplayCommand(CryptoShredder shredder, ShredReplayAtStartup startup,
            ConfigurableApplicationContext context) {
        return new ShredReplayCommand(shredder, startup, context);
    }

    private static boolean generate(CryptoProperties properties, DemoMode demo, DatabaseEndpoint main) {
        return switch (properties.generateMissing().strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> demo.enabled() || main.embedded();
        };
    }

    private static Path keyDirectory(CryptoProperties properties, DemoMode demo) {
        return properties.directory().isBlank() ? demo.directory().resolve("keys")
                : Path.of(properties.directory()).toAbsolutePath().normalize();
    }

    private static KeysetHandle generate(com.google.crypto.tink.Parameters parameters) {
        try {
            return KeysetHandle.generateNew(parameters);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not generate a keyset (" + e.getClass().getSimpleName() + ")");
        }
    }
}
