package no.vern.website.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

/** Normalises web origins ({@code scheme://host[:port]}) so that a registered site matches its requests. */
final class Origins {

    private Origins() {
    }

    /** The normalised origin of an absolute http(s) URL or origin, or empty if it is not one. */
    static Optional<String> of(String value) {
        if (value.isBlank() || value.length() > 300) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** The origin under which this request reached Vern (for the demo site it serves itself). */
    static String ofRequest(HttpServletRequest request) {
        return of(request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()).orElse("");
    }

    /** The host of a referrer URL, without {@code www.}, or empty; the rest of the URL is dropped. */
    static Optional<String> domain(String url) {
        return of(url).map(o -> {
            String host = URI.create(o).getHost();
            return host.startsWith("www.") ? host.substring(4) : host;
        });
    }
}
