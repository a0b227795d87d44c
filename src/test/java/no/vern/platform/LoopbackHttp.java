package no.vern.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal HTTP/1.1 client over a plain socket whose source address can be chosen: Linux answers on all of
 * 127.0.0.0/8, so each test "client" gets its own loopback address and Vern sees a different
 * {@code getRemoteAddr()} without trusting any forwarding header (Vern trusts none). The JDK 17
 * {@code java.net.http.HttpClient} cannot choose its source address. One request per connection
 * ({@code Connection: close}); chunked bodies are decoded.
 */
final class LoopbackHttp {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;

    LoopbackHttp(int port) {
        this.port = port;
    }

    /** A response: status, headers (names in lower case) and body text. */
    record Response(int status, Map<String, List<String>> headers, String body) {

        Optional<String> header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
            return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        List<String> setCookies() {
            return headers.getOrDefault("set-cookie", List.of());
        }

        /** The value of a cookie set by this response ({@code name=value}), if any. */
        Optional<String> cookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "=")).map(c -> c.split(";", 2)[0]).findFirst();
        }

        String location() {
            return header("Location").orElse("").replaceAll("^https?://[^/]+", "");
        }

        String csrf() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) {
                throw new AssertionError("no CSRF token on the page (status " + status + ")");
            }
            return m.group(1);
        }
    }

    /** A browser-like visitor from one source address: keeps the session cookie and the CSRF token of its last page. */
    final class Visitor {
        final String ip;
        volatile String cookie = "";
        volatile String csrf = "";

        Visitor(String ip) {
            this.ip = ip;
        }

        Response get(String path) {
            Response r = send(ip, "GET", path, headers(), null);
            keep(r);
            if (r.status() == 200 && r.body().contains("name=\"_csrf\"")) {
                csrf = r.csrf();
            }
            return r;
        }

        Response postForm(String path, String form) {
            Map<String, String> h = headers();
            h.put("Content-Type", "application/x-www-form-urlencoded");
            Response r = send(ip, "POST", path, h, form + "&_csrf=" + csrf);
            keep(r);
            return r;
        }

        private Map<String, String> headers() {
            Map<String, String> h = new LinkedHashMap<>();
            if (!cookie.isEmpty()) {
                h.put("Cookie", cookie);
            }
            return h;
        }

        /** As a browser: the last VERN_SESSION of the response wins, and an emptied one is dropped. */
        private void keep(Response r) {
            for (String c : r.setCookies()) {
                if (c.startsWith("VERN_SESSION=")) {
                    String pair = c.split(";", 2)[0];
                    cookie = pair.equals("VERN_SESSION=") || c.toLowerCase(Locale.ROOT).contains("max-age=0") ? "" : pair;
                }
            }
        }
    }

    Visitor visitor(String ip) {
        return new Visitor(ip);
    }

    /** The origin Vern sees for requests of this client ({@code http://localhost:<port>}). */
    String origin() {
        return "http://localhost:" + port;
    }

    Response get(String fromIp, String path) {
        return send(fromIp, "GET", path, Map.of(), null);
    }

    Response send(String fromIp, String method, String path, Map<String, String> headers, String body) {
        try (Socket socket = new Socket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(fromIp, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\nConnection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " from " + fromIp, e);
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        if (end < 0) {
            throw new IOException("incomplete response (" + raw.length + " bytes)");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(in, new byte[] { '\r', '\n' }, at);
            if (lineEnd < 0) {
                throw new IOException("broken chunked body");
            }
            int size = Integer.parseInt(new String(in, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer: for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
