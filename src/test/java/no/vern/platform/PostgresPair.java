package no.vern.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A PostgreSQL primary and a <b>synchronous</b> hot standby made from the operating system's PostgreSQL server
 * binaries (Debian's {@code postgresql-15}: {@code initdb}, {@code pg_basebackup}, {@code pg_ctl}) in a temp folder,
 * on two loopback ports (issue 27, item 2). The primary waits for the standby's flush before it acknowledges a commit
 * ({@code synchronous_standby_names}, {@code synchronous_commit = on}), so a write a client saw acknowledged is on the
 * standby when the primary dies. {@link #killPrimary()} kills the primary's postmaster and every backend with SIGKILL
 * at once (a crashed server); {@link #promoteStandby()} makes the standby the new primary ({@code pg_ctl promote}).
 * PostgreSQL refuses to run as root: when the test runs as root the commands run as the {@code postgres} user.
 */
final class PostgresPair implements AutoCloseable {

    static final Path BIN = Path.of(System.getProperty("vern.test.pg-bin", "/usr/lib/postgresql/15/bin"));
    /** The standby's name in {@code primary_conninfo} and in the primary's {@code synchronous_standby_names}. */
    private static final String STANDBY = "vern_standby";

    private final Path dir;
    private final Path primaryData;
    private final Path standbyData;
    private final int primaryPort;
    private final int standbyPort;

    private PostgresPair(Path dir, int primaryPort, int standbyPort) {
        this.dir = dir;
        this.primaryData = dir.resolve("primary");
        this.standbyData = dir.resolve("standby");
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /** Whether the server binaries are installed (CI installs them: {@code .ci/run}). */
    static boolean available() {
        return Stream.of("initdb", "pg_ctl", "pg_basebackup", "postgres").allMatch(b -> Files.isExecutable(BIN.resolve(b)));
    }

    /** Creates the primary, clones the standby from it, starts both and waits until the standby is synchronous. */
    static PostgresPair start() throws Exception {
        Path dir = Files.createTempDirectory("vern-ha-pg-");
        PostgresPair pair = new PostgresPair(dir, VernProcess.freePort(), VernProcess.freePort());
        try {
            pair.create();
            return pair;
        } catch (Exception | AssertionError e) {
            pair.close();
            throw e;
        }
    }

    private void create() throws Exception {
        if (asRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        pg("initdb", "-D", primaryData.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
                "--no-sync", "--no-instructions");
        append(primaryData.resolve("postgresql.conf"), """
                listen_addresses = '127.0.0.1'
                port = %d
                unix_socket_directories = ''
                max_connections = 200
                shared_buffers = 32MB
                wal_level = replica
                max_wal_senders = 4
                hot_standby = on
                synchronous_commit = on
                # a SIGKILL of the server processes keeps the operating system's page cache: fsync buys nothing here
                fsync = off
                """.formatted(primaryPort));
        pg("pg_ctl", "-D", primaryData.toString(), "-l", dir.resolve("primary.log").toString(), "-w", "-t", "60", "start");
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "postgres", "-D",
                standbyData.toString(), "-R", "-X", "stream", "-c", "fast", "--no-sync");
        append(standbyData.resolve("postgresql.conf"), "port = %d%n".formatted(standbyPort));
        append(standbyData.resolve("postgresql.auto.conf"),
                "primary_conninfo = 'host=127.0.0.1 port=%d user=postgres application_name=%s'%n".formatted(primaryPort, STANDBY));
        pg("pg_ctl", "-D", standbyData.toString(), "-l", dir.resolve("standby.log").toString(), "-w", "-t", "60", "start");
        // Only now: the standby's copy of the configuration must not wait for a standby of its own once promoted.
        try (Connection c = connect(primaryPort)) {
            JdbcClient db = JdbcClient.create(new SingleConnectionDataSource(c, true));
            db.sql("ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY + "'").update();
            db.sql("SELECT pg_reload_conf()").query().singleRow();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (db.sql("SELECT count(*) FROM pg_stat_replication WHERE application_name = :n AND sync_state = 'sync'")
                    .param("n", STANDBY).query(Long.class).single() == 0) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the standby did not become synchronous; see " + dir.resolve("standby.log"));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Both servers, primary first: the JDBC driver connects to whichever is the primary ({@code targetServerType}). */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:%d,127.0.0.1:%d/%s?targetServerType=primary&hostRecheckSeconds=2&connectTimeout=5"
                .formatted(primaryPort, standbyPort, database);
    }

    /** A direct connection to the standby (the new primary after {@link #promoteStandby()}), as the superuser. */
    JdbcClient standby() {
        return JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:" + standbyPort + "/postgres", "postgres", ""));
    }

    /** SIGKILL to the primary's postmaster and all its backends at once: the server crashes mid-transaction. */
    void killPrimary() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(primaryData.resolve("postmaster.pid")).get(0).strip());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("primary not running"));
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        all.add(0, postmaster);
        all.forEach(ProcessHandle::destroyForcibly);
    }

    /** {@code pg_ctl promote}: the standby ends recovery and takes writes; returns once it does. */
    void promoteStandby() throws Exception {
        pg("pg_ctl", "-D", standbyData.toString(), "-w", "-t", "60", "promote");
    }

    private static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    @Override
    public void close() throws IOException {
        for (Path data : List.of(standbyData, primaryData)) {
            Path pidFile = data.resolve("postmaster.pid");
            if (Files.isRegularFile(pidFile)) {
                try {
                    ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).ifPresent(p -> {
                        p.descendants().forEach(ProcessHandle::destroyForcibly);
                        p.destroyForcibly();
                    });
                } catch (IOException | RuntimeException gone) {
                    // already stopped
                }
            }
        }
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void append(Path file, String text) throws Exception {
        if (asRoot()) {
            Path tmp = dir.resolve(".append");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            run(List.of("sh", "-c", "cat '" + tmp + "' >> '" + file + "' && rm '" + tmp + "'"));
        } else {
            Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private void pg(String binary, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(binary).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private void run(List<String> command) throws Exception {
        Path out = dir.resolve("commands.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed; output:\n" + Files.readString(out));
        }
    }
}
