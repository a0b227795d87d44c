package no.vern.website.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 21: the banner script and stylesheet that every page view of a company site loads travel compressed
 * where the browser asks, are cacheable and revalidate with an ETag (same context as {@link WebsiteBrowserTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BannerDeliveryTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Encoding", "gzip");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = BannerDeliveryTests.class.getResourceAsStream("/static/site/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void scriptAndStylesheetAreGzippedCacheableAndTogetherAtMostSixKilobytes() throws Exception {
        long total = 0;
        for (String name : new String[] { "vern.js", "vern.css" }) {
            HttpResponse<byte[]> response = get("/site/" + name);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(
                    v -> assertThat(v).contains("public").contains("max-age=" + BannerAssets.MAX_AGE.toSeconds())
                            .doesNotContain("no-store").doesNotContain("no-cache"));
            assertThat(response.headers().allValues("Vary").toString()).containsIgnoringCase("Accept-Encoding");
            assertThat(gunzip(response.body())).isEqualTo(resource(name));
            total += response.body().length;
        }
        assertThat(total).isLessThanOrEqualTo(6 * 1024);
    }

    @Test
    void anUnchangedScriptRevalidatesWithNotModified() throws Exception {
        HttpResponse<byte[]> first = get("/site/vern.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = get("/site/vern.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(get("/site/vern.js", "If-None-Match", "W/\"0000\"").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutAcceptEncodingTheScriptIsSentAsIs() throws Exception {
        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/site/vern.js")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).isEqualTo(resource("vern.js"));
    }

    @Test
    void theBannerConfigurationIsCompressedButStaysShortLivedAndVariesWithGpc() throws Exception {
        HttpResponse<byte[]> response = get("/site/banner-config");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().allValues("Vary").toString()).containsIgnoringCase("Sec-GPC");
        assertThat(new String(gunzip(response.body()), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"vern_consent\"").contains("\"vern-pref:*\"");
    }
}
