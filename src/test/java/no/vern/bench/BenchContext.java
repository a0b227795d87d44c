package no.vern.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What every benchmark gets: the running server (separate process, loopback), its API token, an in-process Vern
 * context on the same database (for the in-process baselines and the register's own beans), the loaded register,
 * and the bounded load shape chosen on the command line.
 */
record BenchContext(VernServer server, String token, ConfigurableApplicationContext app, int subjects,
        Load load, int rounds, HttpClient http, Plain plain) {

    /** The plain Spring Boot app of the HTTP baselines, started on first use and stopped at the end of the run. */
    static final class Plain implements AutoCloseable {

        private final java.nio.file.Path work;
        private final java.util.List<String> jvmOptions;
        private @org.jspecify.annotations.Nullable PlainServer server;

        Plain(java.nio.file.Path work, java.util.List<String> jvmOptions) {
            this.work = work;
            this.jvmOptions = jvmOptions;
        }

        synchronized PlainServer get() throws Exception {
            PlainServer s = server;
            if (s == null) {
                s = PlainServer.start(work, jvmOptions);
                server = s;
            }
            return s;
        }

        @Override
        public synchronized void close() throws InterruptedException {
            PlainServer s = server;
            if (s != null) {
                s.close();
                server = null;
            }
        }
    }

    <T> T bean(Class<T> type) {
        return app.getBean(type);
    }

    <T> T bean(String name, Class<T> type) {
        return app.getBean(name, type);
    }

    /** A GET on the server that must answer {@code expected}. */
    void get(String pathAndQuery, int expected, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authenticated) {
            request.header("Authorization", "Bearer " + token);
        }
        expect(http.send(request.build(), HttpResponse.BodyHandlers.discarding()), expected, pathAndQuery);
    }

    static void expect(HttpResponse<?> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what.replaceAll("\\?.*", "?…") + " answered " + response.statusCode()
                    + ", expected " + expected);
        }
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
