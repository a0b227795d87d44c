package no.vern.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.jspecify.annotations.Nullable;

/**
 * A deliberately small HTTP/1.1 client for webhook calls that cannot be talked into SSRF: the host is
 * resolved and checked once by {@link AddressGuard}, the socket is opened by the {@link Dialer} to that
 * checked address (no second resolution), TLS verifies the certificate against the host name (SNI), and
 * redirects are never followed (a 3xx is a failure). Connect and read timeouts apply.
 */
public final class WebhookClient {

    private static final int MAX_RESPONSE = 1 << 20;

    /** An HTTP response: status, lower-cased headers, body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A refused or failed call; the message names no personal data and no address. */
    public static final class CallFailed extends Exception {
        private final boolean unreachable;

        public CallFailed(@Nullable String message) {
            this(message, false);
        }

        public CallFailed(@Nullable String message, boolean unreachable) {
            super(message == null ? "call failed" : message);
            this.unreachable = unreachable;
        }

        /**
         * Whether the call failed before an HTTP answer came (address refused, no such host, closed port, timeout,
         * not HTTP): callers show one uniform detail for all of these, so that tests cannot scan ports.
         */
        public boolean unreachable() {
            return unreachable;
        }
    }

    private final AddressGuard guard;
    private final Dialer dialer;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public WebhookClient(AddressGuard guard, Dialer dialer, Duration connectTimeout, Duration readTimeout) {
        this.guard = guard;
        this.dialer = dialer;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Checks a URL without connecting (registration-time validation and tests). */
    public InetAddress checkTarget(URI url, AddressGuard.Allowances allow) throws CallFailed {
        validate(url);
        try {
            return guard.check(url.getHost(), allow);
        } catch (AddressGuard.Refused e) {
            throw new CallFailed(e.getMessage());
        }
    }

    /** POSTs a JSON body with extra headers to the checked address of the URL. */
    public Response post(URI url, AddressGuard.Allowances allow, Map<String, String> headers, byte[] body) throws CallFailed {
        InetAddress address;
        try {
            address = checkTarget(url, allow);
        } catch (CallFailed e) {
            throw new CallFailed(e.getMessage(), true);
        }
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String host = url.getHost();
        try (Socket socket = open(address, port, host, tls)) {
            socket.setSoTimeout((int) readTimeout.toMillis());
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            if (url.getRawQuery() != null) {
                path += "?" + url.getRawQuery();
            }
            StringBuilder head = new StringBuilder();
            head.append("POST ").append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(url.getPort() > 0 ? host + ":" + port : host).append("\r\n");
            head.append("Content-Type: application/json\r\n");
            head.append("Accept: application/json\r\n");
            head.append("User-Agent: Vern/1\r\n");
            head.append("Connection: close\r\n");
            head.append("Content-Length: ").append(body.length).append("\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            Response response = read(socket.getInputStream());
            if (response.status() >= 300 && response.status() < 400) {
                throw new CallFailed("redirect refused (HTTP " + response.status() + ")");
            }
            return response;
        } catch (java.net.SocketTimeoutException e) {
            throw new CallFailed("timeout", true);
        } catch (IOException e) {
            throw new CallFailed("connection failed (" + e.getClass().getSimpleName() + ")", true);
        }
    }

    private static void validate(URI url) throws CallFailed {
        String scheme = url.getScheme();
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new CallFailed("only http and https URLs are allowed");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new CallFailed("URL must have a host and no user info or fragment");
        }
    }

    private Socket open(InetAddress address, int port, String host, boolean tls) throws IOException {
        Socket plain = dialer.connect(address, port, connectTimeout);
        if (!tls) {
            return plain;
        }
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !host.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static Response read(InputStream in) throws IOException, CallFailed {
        byte[] all = readAll(in);
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new CallFailed("malformed HTTP response", true);
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            throw new CallFailed("malformed HTTP response", true);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            if (length < body.length) {
                body = java.util.Arrays.copyOf(body, length);
            }
        }
        return new Response(Integer.parseInt(status[1]), headers, body);
    }

    private static byte[] readAll(InputStream in) throws IOException, CallFailed {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_RESPONSE) {
                throw new CallFailed("response too large", true);
            }
        }
        return out.toByteArray();
    }

    private static byte[] dechunk(byte[] body) throws CallFailed {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (true) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(body, pos, body.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (lineEnd < 0) {
                throw new CallFailed("malformed chunked response", true);
            }
            String sizeText = new String(body, pos, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                throw new CallFailed("malformed chunked response", true);
            }
            pos += lineEnd + 2;
            if (size == 0) {
                return out.toByteArray();
            }
            if (pos + size > body.length) {
                throw new CallFailed("malformed chunked response", true);
            }
            out.write(body, pos, size);
            pos += size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
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
