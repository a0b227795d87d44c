package no.vern.changes.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback, as another system would run it: it verifies every request with the Standard
 * Webhooks algorithm written here from the specification (standardwebhooks.com, not Vern's signer), answers 503 for
 * the next {@link #failNext} requests, and keeps what it accepted in arrival order.
 */
final class LoopbackReceiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String id, long timestamp, String signatures, String body, int answered) {
    }

    private final HttpServer server;
    final List<Received> all = new CopyOnWriteArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();

    LoopbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 204;
            String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            all.add(new Received(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                    ts == null ? -1 : Long.parseLong(ts), String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")),
                    new String(body, StandardCharsets.UTF_8), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** What was answered 2xx, in arrival order. */
    List<Received> accepted() {
        List<Received> ok = new ArrayList<>();
        for (Received r : all) {
            if (r.answered() / 100 == 2) {
                ok.add(r);
            }
        }
        return ok;
    }

    /**
     * Standard Webhooks verification, from the specification: the secret is {@code whsec_} + base64 of the key; the
     * signed content is {@code id.timestamp.body}; the header lists space-separated {@code v1,<base64 HMAC-SHA256>}
     * entries and one must match (compared in constant time); the timestamp must be within five minutes of now.
     */
    static boolean verifies(String secret, Received r, Instant now) {
        if (!secret.startsWith("whsec_") || Math.abs(now.getEpochSecond() - r.timestamp()) > 300) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
            for (String entry : r.signatures().split(" ")) {
                String[] parts = entry.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
