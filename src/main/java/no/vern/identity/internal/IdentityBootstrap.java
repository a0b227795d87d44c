package no.vern.identity.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import no.vern.identity.ApiScope;
import no.vern.identity.Role;
import no.vern.shared.Actor;
import no.vern.shared.DemoMode;

/**
 * Creates the first accounts on an empty database: the privacy officer {@code admin} from
 * {@code VERN_BOOTSTRAP_ADMIN_PASSWORD}, the automation token from {@code VERN_BOOTSTRAP_API_TOKEN},
 * or, in demo mode, one demo user per role with random passwords, printed once and kept in
 * {@code ./data/demo-logins.txt} (readable by the owner only).
 */
@Component
@Order(0)
class IdentityBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);
    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final StaffUsers users;
    private final StaffAccountService accounts;
    private final ApiTokenService tokens;
    private final BootstrapProperties bootstrap;
    private final DemoMode demo;
    private final PasswordPolicy policy;

    IdentityBootstrap(StaffUsers users, StaffAccountService accounts, ApiTokenService tokens,
            BootstrapProperties bootstrap, DemoMode demo, PasswordPolicy policy) {
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
        this.bootstrap = bootstrap;
        this.demo = demo;
        this.policy = policy;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!bootstrap.apiToken().isBlank()) {
            if (bootstrap.apiToken().length() < 24) {
                throw new IllegalStateException("VERN_BOOTSTRAP_API_TOKEN must be at least 24 characters");
            }
            tokens.registerIfAbsent("bootstrap", EnumSet.allOf(ApiScope.class), bootstrap.apiToken(),
                    Actor.system("bootstrap").reference());
        }
        if (users.count() > 0) {
            if (demo.enabled()) {
                log.info("Demo logins are listed in {}", demo.directory().resolve("demo-logins.txt"));
            }
            return;
        }
        if (!bootstrap.adminPassword().isBlank()) {
            accounts.create("admin", bootstrap.adminPassword(), Set.of(Role.PRIVACY_OFFICER));
            log.info("Created the first privacy officer account 'admin' from VERN_BOOTSTRAP_ADMIN_PASSWORD");
        } else if (demo.enabled()) {
            createDemoUsers();
        } else {
            log.warn("No staff accounts exist. Set VERN_BOOTSTRAP_ADMIN_PASSWORD to create the first privacy officer.");
        }
    }

    private void createDemoUsers() throws IOException {
        Map<String, Role> demoUsers = new LinkedHashMap<>();
        demoUsers.put("personvern", Role.PRIVACY_OFFICER);
        demoUsers.put("saksbehandler", Role.CASE_HANDLER);
        demoUsers.put("salg", Role.SALES);
        demoUsers.put("rekruttering", Role.RECRUITER);
        demoUsers.put("marked", Role.MARKETING);
        demoUsers.put("revisor", Role.AUDITOR);
        StringBuilder listing = new StringBuilder("Vern demo logins (username / password / role)\n");
        StringBuilder users = new StringBuilder("Vern demo users (username / role)\n");
        for (var entry : demoUsers.entrySet()) {
            String password = randomPassword();
            while (policy.check(entry.getKey(), password).isPresent()) { // e.g. one that happens to hold "salg"
                password = randomPassword();
            }
            accounts.create(entry.getKey(), password, Set.of(entry.getValue()));
            listing.append(String.format("  %-14s %s  %s%n", entry.getKey(), password, entry.getValue()));
            users.append(String.format("  %-14s %s%n", entry.getKey(), entry.getValue()));
        }
        Path file = demo.directory().resolve("demo-logins.txt");
        writeOwnerOnly(file, listing.toString());
        // The passwords stay in the file that only its owner can read; the console gets the names and the path.
        System.out.println("\n" + users + "  Passwords: " + file + " (readable by you only)\n");
    }

    /** Writes a file that is created readable and writable by its owner only (no moment of wider access). */
    static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, text);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
