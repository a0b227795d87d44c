package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import no.vern.support.TestDatabases;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vern as a separate JVM on its own embedded PostgreSQL, for the fault tests (issue 14, item 2): start it
 * (again) on the same database and port, kill it with SIGKILL ({@code destroyForcibly}: no shutdown hooks,
 * nothing graceful), talk to it over loopback HTTP with the bootstrap API token or as the bootstrap privacy
 * officer in the console (session cookie + CSRF token, as a browser would), and look into its database.
 */
final class VernProcess implements AutoCloseable {

    static final String TOKEN = "vern_bootstrap_token_process_faults_0123456789";
    static final String ADMIN_PASSWORD = "fault-officer-password-0123";
    /** Client threads of {@link #concurrently}. */
    private static final int CLIENTS = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Path dir;
    private final @Nullable EmbeddedPostgres database;
    private final String url;
    private final HikariDataSource pool;
    private final JdbcClient db;
    private final int port;
    private final List<String> settings = new ArrayList<>();
    private @Nullable Path shared;
    private Process process;
    private int runs;
    private int kills;

    private VernProcess(Path dir, @Nullable EmbeddedPostgres database, String url, int port) {
        this.dir = dir;
        this.database = database;
        this.url = url;
        this.pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(TestDatabases.USER);
        pool.setMaximumPoolSize(3);
        pool.setMinimumIdle(0);
        this.db = JdbcClient.create(pool);
        this.port = port;
    }

    /**
     * A fresh database of its own (copied from the migrated template on the test JVM's embedded PostgreSQL,
     * which outlives every kill of Vern) and a free port; Vern is not started yet.
     */
    static VernProcess onFreshDatabase() throws IOException {
        Path dir = Path.of("target/pg-faults/" + UUID.randomUUID());
        Files.createDirectories(dir);
        return new VernProcess(dir, TestDatabases.server(), TestDatabases.fresh(), freePort());
    }

    /**
     * Vern on a database server of the test's own (e.g. a primary/standby pair, {@link PostgresPair}) reached through
     * {@code url} as the superuser {@code postgres}; the keys and data directories are {@code shared}'s, so that several
     * nodes on one database share their key material as production nodes do. Vern is not started yet.
     */
    static VernProcess onDatabase(String url, Path shared) throws IOException {
        Path dir = shared.resolve("node-" + UUID.randomUUID());
        Files.createDirectories(dir);
        VernProcess vern = new VernProcess(dir, null, url, freePort());
        vern.shared = shared;
        return vern;
    }

    /** Settings ({@code --key=value}) given to every later start, e.g. the SMTP server or job intervals. */
    VernProcess with(String... args) {
        settings.addAll(List.of(args));
        return this;
    }

    /** Vern's database as seen from the test. */
    JdbcClient db() {
        return db;
    }

    EmbeddedPostgres database() {
        return Objects.requireNonNull(database, "Vern runs on a database server of the test's own");
    }

    /** A directory next to the database that survives restarts (keys, data, secrets); shared by nodes of one cluster. */
    Path sibling(String name) {
        Path cluster = shared;
        return cluster != null ? cluster.resolve(name) : dir.resolveSibling(dir.getFileName() + "-" + name);
    }

    /** The loopback port Vern listens on (the same across restarts). */
    int port() {
        return port;
    }

    /** How many times Vern was killed with SIGKILL. */
    int kills() {
        return kills;
    }

    /** Starts Vern (the first time or again after a kill) with the settings plus {@code extra}; returns once it is ready. */
    void start(String... extra) throws Exception {
        assertThat(process == null || !process.isAlive()).as("the previous Vern process is gone").isTrue();
        runs++;
        Path log = Path.of("target/faults/vern-" + dir.getFileName() + "-" + runs + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A short-lived JVM on a 2-core machine beside the test JVM and PostgreSQL: C1 only (compiles faster, starts
        // sooner) and the serial collector (no parallel GC threads competing for the cores).
        ChildClassData classes = ChildClassData.get();
        ChildClassData.Launch launch = classes.launch();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(launch.options()); // class data sharing: the classes the first child loaded, mapped
        command.addAll(List.of("-cp", classes.classpath(), "no.vern.VernApplication", "--vern.db.url=" + url,
                "--vern.db.user=postgres", "--vern.keys.generate-missing=true",
                "--vern.keys.directory=" + sibling("keys"), "--server.port=" + port,
                "--vern.bootstrap.api-token=" + TOKEN, "--vern.bootstrap.admin-password=" + ADMIN_PASSWORD,
                "--vern.register.erasure-recovery-interval=PT2S", "--vern.data-dir=" + sibling("data"),
                // db-scheduler finds a killed node's running executions dead only after heartbeat-interval ×
                // missed-heartbeats-limit (production: 5 min × 6 = 30 min) and polls every 10 s; here seconds.
                "--db-scheduler.heartbeat-interval=PT1S", "--db-scheduler.missed-heartbeats-limit=4",
                "--db-scheduler.polling-interval=PT1S", "--db-scheduler.enabled=true"));
        command.addAll(settings);
        command.addAll(List.of(extra));
        long launched = System.nanoTime();
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ready = false;
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (!ready && System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as("Vern process is running (see " + log + ")").isTrue();
                try {
                    ready = http.send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    // still starting
                }
                if (!ready) {
                    Thread.sleep(100);
                }
            }
        } finally {
            if (ready) {
                // What each start costs, for the build's figures (docs/developing.md): wall and CPU time to ready.
                System.out.printf("Vern child %s ready in %.1f s, CPU %.1f s, %s%n", log.getFileName(),
                        (System.nanoTime() - launched) / 1e9, process.info().totalCpuDuration()
                                .map(cpu -> cpu.toMillis() / 1e3).orElse(Double.NaN), launch.describe());
            }
            classes.started(launch, ready ? process : null);
        }
        if (!ready) {
            throw new AssertionError("Vern did not become ready; see " + log);
        }
    }

    /** A set-up call to Vern that may fail (HTTP, assertions). */
    @FunctionalInterface
    interface Call<T> {
        T call(int i) throws Exception;
    }

    /**
     * Set-up calls {@code 0 … count-1} sent by {@value #CLIENTS} clients at once, as several systems would (the test's
     * set-up is not under test; sent one by one it spends most of its time waiting for answers); their results in
     * index order. The first failure is thrown once all have ended.
     */
    static <T> List<T> concurrently(int count, Call<T> call) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(clients.submit(() -> call.call(n)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw (Exception) e.getCause();
                }
            }
            return results;
        } finally {
            clients.shutdownNow();
        }
    }

    /** SIGTERM: Spring's graceful shutdown (readiness down, drain, then the port closes); waits until the JVM is gone. */
    void terminate() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** SIGKILL (kill -9): no shutdown hooks, no graceful anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        kills++;
    }

    /** Kills Vern as soon as {@code condition} holds (checked every few milliseconds); fails if it never does. */
    void killWhen(BooleanSupplier condition, String what) throws InterruptedException {
        killWhen(condition, () -> what);
    }

    /** As {@link #killWhen(BooleanSupplier, String)}, with a description computed when it gives up (current state). */
    void killWhen(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what.get());
            }
            Thread.sleep(10);
        }
        kill();
    }

    /** Waits (at most a few minutes; a deadline, not a timed assertion) until {@code condition} holds. */
    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
        pool.close();
    }

    /** An API call with the bootstrap token. */
    HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofMinutes(3));
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON API call that must succeed (2xx); returns the parsed answer. */
    JsonNode api(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body == null ? null : "application/json", body);
        assertThat(response.statusCode() / 100).as(method + " " + path + ": " + response.body()).isEqualTo(2);
        return json.readTree(response.body());
    }

    /** Logs in to the console as the bootstrap privacy officer. */
    Console console() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/login")).build(), HttpResponse.BodyHandlers.ofString());
        String anonymous = sessionCookie(page);
        HttpResponse<Void> login = http.send(HttpRequest.newBuilder(uri("/login")).header("Cookie", anonymous)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "admin", "password", ADMIN_PASSWORD,
                        "_csrf", csrf(page.body())))))
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(login.statusCode()).as("console login").isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        return new Console(sessionCookie(login));
    }

    /** A logged-in console session: posts forms with the session's CSRF token, as the browser would. */
    final class Console {

        private final String cookie;
        private final String csrf;

        private Console(String cookie) throws Exception {
            this.cookie = cookie;
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/console")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("console start page").isEqualTo(200);
            this.csrf = csrf(page.body());
        }

        /** Posts a form; expects the redirect after a successful POST and returns its target. */
        String post(String path, Map<String, String> fields) throws Exception {
            Map<String, String> all = new java.util.LinkedHashMap<>(fields);
            all.put("_csrf", csrf);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofMinutes(3))
                    .POST(HttpRequest.BodyPublishers.ofString(form(all))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("POST " + path + " redirects after success; page: "
                    + response.body().replaceAll("(?s)<[^>]*>", " ").replaceAll("\\s+", " ")).isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("page carries a CSRF token").isTrue();
        return m.group(1);
    }

    private static String sessionCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("VERN_SESSION="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    }

    /** The id at the end of a redirect target such as {@code /console/communications/lists/<id>}. */
    static UUID lastId(String location) {
        return UUID.fromString(location.replaceAll("[?#].*$", "").replaceAll("^.*/", ""));
    }

    /** Erased completely and exactly once: erasure finished, no records or blind indexes, key destroyed, one ledger row. */
    void assertErased(String id) {
        UUID subject = UUID.fromString(id);
        assertThat(db.sql("SELECT erasure_completed_at IS NOT NULL FROM register_subject WHERE id = :id").param("id", subject)
                .query(Boolean.class).single()).as("erasure of " + id + " completed").isTrue();
        assertThat(count("SELECT count(*) FROM register_record WHERE subject_id = ?", subject)).isZero();
        assertThat(count("SELECT count(*) FROM register_blind_index WHERE subject_id = ?", subject)).isZero();
        assertThat(count("SELECT count(*) FROM vern_keys.subject_key WHERE subject_id = ?", subject)).isZero();
        assertThat(count("SELECT count(*) FROM crypto_shred_ledger WHERE subject_id = ?", subject)).as("shred ledger rows of " + id)
                .isEqualTo(1);
    }

    /**
     * Waits until the register's recovery job has finished every erasure that had begun, and has deleted the
     * ciphertext rows every erasure leaves to it (issue 28 item 7).
     */
    void awaitNoUnfinishedErasure() throws InterruptedException {
        await(() -> count("SELECT count(*) FROM register_subject WHERE erased_at IS NOT NULL AND erasure_completed_at IS NULL") == 0,
                "interrupted erasures to be finished by the recovery job");
        await(() -> count("SELECT count(*) FROM register_subject WHERE erasure_completed_at IS NOT NULL AND rows_deleted_at IS NULL") == 0,
                "the ciphertext rows of erased subjects to be deleted by the recovery job");
    }

    /** A {@code count(*)} (or other long) query on Vern's database. */
    long count(String sql, Object... params) {
        return db.sql(sql).params(params).query(Long.class).single();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
