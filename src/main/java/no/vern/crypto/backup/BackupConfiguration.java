package no.vern.crypto.backup;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.crypto.BackupHorizon;
import no.vern.crypto.Backups;
import no.vern.crypto.CryptoShredder;
import no.vern.shared.DatabaseEndpoint;

/** Wires backups (owner pool for the snapshot, key-store pool for keys) and the command line forms. */
@Configuration(proxyBeanMethods = false)
class BackupConfiguration {

    @Bean
    Backups backups(@Qualifier("ownerDataSource") DataSource owner, @Qualifier("keyStoreDataSource") DataSource keyStore,
            DatabaseEndpoint endpoint, CryptoShredder shredder, JdbcClient app, Clock clock, BackupKey backupKey,
            @Value("${vern.backup.expiry:35d}") Duration expiry) {
        return new LogicalBackups(owner, keyStore, endpoint, shredder, app, clock, backupKey, expiry);
    }

    @Bean
    BackupHorizon backupHorizon(JdbcClient app) {
        return new BackupCatalogue(app);
    }

    @Bean
    BackupCommand backupCommand(Backups backups, ConfigurableApplicationContext context) {
        return new BackupCommand(backups, context);
    }
}
