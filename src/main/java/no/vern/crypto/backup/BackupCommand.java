package no.vern.crypto.backup;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import no.vern.crypto.BackupRefused;
import no.vern.crypto.Backups;

/**
 * The command line forms, like {@code shred-replay}: {@code java -jar vern.jar backup <dir>},
 * {@code restore <dir>} and {@code restore-drill <dir>}. The database part goes to
 * {@code <dir>/database}, the key store to {@code --keys-dir=<dir>} (default {@code <dir>/keys});
 * move the key part to separate storage. Prints what it did and exits; a refused restore or drill
 * (expired, damaged, wrong backup key) prints why and exits with status 3, having changed nothing.
 */
final class BackupCommand implements ApplicationRunner, Ordered {

    private final Backups backups;
    private final ConfigurableApplicationContext context;

    BackupCommand(Backups backups, ConfigurableApplicationContext context) {
        this.backups = backups;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        int at = indexOfCommand(words);
        if (at < 0) {
            return;
        }
        if (words.size() < at + 2) {
            System.err.println(words.get(at) + ": give the backup directory, e.g. " + words.get(at) + " /backups/2026-11-25");
            System.exit(SpringApplication.exit(context, () -> 2));
        }
        Path dir = Path.of(words.get(at + 1));
        List<String> keysOption = args.getOptionValues("keys-dir");
        Path keys = keysOption == null || keysOption.isEmpty() ? dir.resolve("keys") : Path.of(keysOption.get(0));
        Path database = dir.resolve("database");
        int status = 0;
        try {
            status = perform(words.get(at), database, keys);
        } catch (BackupRefused e) {
            System.err.println(words.get(at) + " refused: " + e.getMessage());
            status = 3;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private int perform(String command, Path database, Path keys) {
        int status = 0;
        switch (command) {
            case "backup" -> {
                Backups.BackupReport r = backups.backup(database, keys);
                System.out.println("backup: " + r.tables() + " tables, " + r.rows() + " rows -> " + database + "; "
                        + r.keys() + " keys, " + r.ledgerEntries() + " ledger entries -> " + keys
                        + " (store the key part apart from the database part); backup " + r.id() + " expires "
                        + r.expiresAt() + ", files encrypted under the backup key");
            }
            case "restore" -> {
                Backups.RestoreReport r = backups.restore(database, keys);
                System.out.println("restore: " + r.tables() + " tables, " + r.rows() + " rows, " + r.keys()
                        + " keys; shred ledger (" + r.ledgerEntries() + " entries) replayed: " + r.keysDestroyed()
                        + " key(s) destroyed");
            }
            default -> {
                Backups.DrillReport r = backups.drill(database, keys);
                System.out.println("restore-drill: " + (r.passed() ? "passed" : "FAILED") + "; " + r.restore().keys()
                        + " keys restored, " + r.restore().keysDestroyed() + " destroyed by the ledger replay, "
                        + r.erasedStillReadable() + " erased subject(s) still readable");
                status = r.passed() ? 0 : 1;
            }
        }
        return status;
    }

    private static int indexOfCommand(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (List.of("backup", "restore", "restore-drill").contains(words.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }
}
