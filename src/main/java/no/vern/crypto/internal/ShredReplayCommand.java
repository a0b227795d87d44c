package no.vern.crypto.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import no.vern.crypto.CryptoShredder;

/**
 * The command line form {@code java -jar vern.jar shred-replay}: replays the shred ledger (after
 * the startup replay), prints how many keys were destroyed, and exits.
 */
final class ShredReplayCommand implements ApplicationRunner, Ordered {

    /** The argument that selects this command. */
    static final String ARGUMENT = "shred-replay";

    private final CryptoShredder shredder;
    private final ShredReplayAtStartup startup;
    private final ConfigurableApplicationContext context;

    ShredReplayCommand(CryptoShredder shredder, ShredReplayAtStartup startup, ConfigurableApplicationContext context) {
        this.shredder = shredder;
        this.startup = startup;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.getNonOptionArgs().contains(ARGUMENT)) {
            return;
        }
        int destroyed = startup.destroyed() + shredder.replayLedger();
        System.out.println("shred-replay: " + destroyed + " key(s) destroyed");
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
