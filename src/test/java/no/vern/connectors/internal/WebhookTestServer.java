package no.vern.connectors.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook system for tests on 127.0.0.1 only: checks Vern's signature on every request, counts hits per
 * path, and answers per path as told (a signed result, 202 for a later callback, an error, a redirect).
 */
final class WebhookTestServer implements AutoCloseable {

    /** What a path answers. */
    enum Mode { SIGNED_RESULT, ACCEPT_LATER, ERROR, REDIRECT_TO_METADATA, UNSIGNED_RESULT }

    final byte[] secret;
    private final HttpServer server;
    final Map<String, Mode> modes = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    /** Signature verdicts of every request (null = valid). */
    final List<String> signatureVerdicts = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    /** The system's own clock (tests point it at Vern's movable clock, as if both were in sync). */
    volatile java.util.function.Supplier<Instant> clock = Instant::now;
    volatile String resultBody = "{\"status\":\"DONE\",\"rows\":1,\"data\":{\"email\":[\"x\"]}}";

    WebhookTestServer(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        bodies.add(new String(body, StandardCharsets.UTF_8));
        String verdict = Signatures.refusal(secret, exchange.getRequestHeaders().getFirst(Signatures.TIMESTAMP_HEADER),
                exchange.getRequestHeaders().getFirst(Signatures.SIGNATURE_HEADER), body, clock.get());
        signatureVerdicts.add(verdict == null ? "valid" : verdict);
        if (verdict != null) {
            respond(exchange, 401, new byte[0], false);
            return;
        }
        switch (modes.getOrDefault(path, Mode.SIGNED_RESULT)) {
            case ACCEPT_LATER -> respond(exchange, 202, new byte[0], false);
            case ERROR -> respond(exchange, 500, new byte[0], false);
            case REDIRECT_TO_METADATA -> {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                respond(exchange, 302, new byte[0], false);
            }
            case UNSIGNED_RESULT -> respond(exchange, 200, resultBody.getBytes(StandardCharsets.UTF_8), false);
            default -> respond(exchange, 200, resultBody.getBytes(StandardCharsets.UTF_8), true);
        }
    }

    private void respond(HttpExchange exchange, int status, byte[] body, boolean sign) throws IOException {
        if (sign) {
            long now = clock.get().getEpochSecond();
            exchange.getResponseHeaders().add(Signatures.TIMESTAMP_HEADER, String.valueOf(now));
            exchange.getResponseHeaders().add(Signatures.SIGNATURE_HEADER, Signatures.sign(secret, now, body));
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
