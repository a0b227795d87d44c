package no.vern.website.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How {@code /site/vern.js} and {@code /site/vern.css} are delivered to every page view of every company site:
 * cacheable by browsers and shared caches for {@link #MAX_AGE} (they hold nothing about the visitor), then
 * revalidated with an ETag of their content, so a changed script is fetched on the next revalidation and an
 * unchanged one costs a 304. The ETag is weak on purpose: Tomcat compresses (server.compression) only responses
 * whose ETag is weak, since the gzip bytes differ from the identity bytes. The banner's configuration stays
 * uncached ({@link SiteController}): it changes with the record of processing and with {@code Sec-GPC}.
 */
@Configuration(proxyBeanMethods = false)
class BannerAssets implements WebMvcConfigurer {

    /** How long a browser or shared cache may use the script and stylesheet without asking again. */
    static final Duration MAX_AGE = Duration.ofHours(1);

    private final Map<String, String> etags = new ConcurrentHashMap<>();

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/site/vern.*").addResourceLocations("classpath:/static/site/")
                .setCacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
                .setUseLastModified(false)
                .setEtagGenerator(this::etag);
    }

    /** A weak validator of the resource's content: {@code W/"<first 16 bytes of its SHA-256, hex>"}. */
    String etag(Resource resource) {
        return etags.computeIfAbsent(String.valueOf(resource.getDescription()), key -> {
            try (InputStream in = resource.getInputStream()) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
                return "W/\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
