package no.vern.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;
import org.springframework.web.servlet.resource.ResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page's links go through the resource chain's URL rewriting only when they can name a static file (issue 28;
 * {@link StaticLinks}): a link to another page is written as it is and the static locations are not searched for it,
 * while a link to a static file is still rewritten (a version-agnostic webjar path becomes the versioned one).
 */
class StaticLinksTest {

    /** Spring Boot's default static locations, as Vern uses them. */
    private static final List<String> LOCATIONS = List.of("classpath:/META-INF/resources/", "classpath:/resources/",
            "classpath:/static/", "classpath:/public/");

    private final StaticLinks statics = new StaticLinks(new DefaultResourceLoader(), LOCATIONS);

    @Test
    void aLinkCanNameAStaticFileOnlyWhenItsFirstSegmentIsAtTheTopOfAStaticLocation() {
        assertThat(statics.mayName("/css/console.css")).isTrue();
        assertThat(statics.mayName("/js/console.js?v=1")).isTrue();
        assertThat(statics.mayName("/webjars/htmx.org/2.0.10/dist/htmx.min.js")).as("a webjar, META-INF/resources")
                .isTrue();
        assertThat(statics.mayName("/site/vern.js")).isTrue();

        assertThat(statics.mayName("/console/requests/4f1c?tab=steps")).isFalse();
        assertThat(statics.mayName("/personvern/rettigheter")).isFalse();
        assertThat(statics.mayName("/login")).isFalse();
        assertThat(statics.mayName("/")).isFalse();
        assertThat(statics.mayName("/../static/css/console.css")).isFalse();
        assertThat(statics.mayName("https://example.org/css/x.css")).as("not a path").isFalse();
    }

    @Test
    void theFirstSegmentEndsAtASlashQueryFragmentOrPathParameter() {
        assertThat(StaticLinks.firstSegment("/css/a.css")).isEqualTo("css");
        assertThat(StaticLinks.firstSegment("/login?error")).isEqualTo("login");
        assertThat(StaticLinks.firstSegment("/login#top")).isEqualTo("login");
        assertThat(StaticLinks.firstSegment("/login;jsessionid=1")).isEqualTo("login");
        assertThat(StaticLinks.firstSegment("/favicon.ico")).isEqualTo("favicon.ico");
        assertThat(StaticLinks.firstSegment("css/a.css")).isEmpty();
    }

    @Test
    void onAPageOnlyStaticLinksAreRewrittenAndOnlyTheyAreLookedUp() throws Exception {
        Counting resolver = new Counting();
        List<String> encoded = new ArrayList<>();
        filterAndEncode("/console", resolver, encoded);

        assertThat(encoded).containsExactly("/webjars/htmx.org/2.0.10/dist/htmx.min.js",
                "/console/requests/42?tab=steps", "/personvern");
        assertThat(resolver.asked).as("only the static link was looked up").containsExactly("htmx.org/dist/htmx.min.js");
    }

    @Test
    void anApiAnswerIsNotWrappedAtAll() throws Exception {
        Counting resolver = new Counting();
        List<String> encoded = new ArrayList<>();
        filterAndEncode("/api/v1/me", resolver, encoded);

        assertThat(encoded).containsExactly("/webjars/htmx.org/dist/htmx.min.js", "/console/requests/42?tab=steps",
                "/personvern");
        assertThat(resolver.asked).isEmpty();
    }

    private void filterAndEncode(String uri, Counting resolver, List<String> encoded) throws Exception {
        ResourceHttpRequestHandler webjars = new ResourceHttpRequestHandler();
        webjars.setResourceResolvers(List.of(resolver));
        ResourceHttpRequestHandler all = new ResourceHttpRequestHandler();
        all.setResourceResolvers(List.of(resolver));
        ResourceUrlProvider provider = new ResourceUrlProvider();
        provider.setHandlerMap(Map.of("/webjars/**", webjars, "/**", all));

        MockHttpServletRequest request = new MockHttpServletRequest("GET", uri);
        ApiPathFilters.PagesOnlyResourceUrlEncodingFilter filter = new ApiPathFilters.PagesOnlyResourceUrlEncodingFilter(
                statics);
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            // what ResourceUrlProviderExposingInterceptor does when a handler is found
            ((HttpServletRequest) req).setAttribute(ResourceUrlProvider.class.getName(), provider);
            HttpServletResponse response = (HttpServletResponse) res;
            encoded.add(response.encodeURL("/webjars/htmx.org/dist/htmx.min.js"));
            encoded.add(response.encodeURL("/console/requests/42?tab=steps"));
            encoded.add(response.encodeURL("/personvern"));
        });
    }

    /** A resource resolver that records what it is asked and knows one version-agnostic webjar path. */
    private static final class Counting implements ResourceResolver {

        final List<String> asked = new ArrayList<>();

        @Override
        public @Nullable Resource resolveResource(@Nullable HttpServletRequest request, String requestPath,
                List<? extends Resource> locations, ResourceResolverChain chain) {
            return null;
        }

        @Override
        public @Nullable String resolveUrlPath(String resourcePath, List<? extends Resource> locations,
                ResourceResolverChain chain) {
            asked.add(resourcePath);
            return resourcePath.equals("htmx.org/dist/htmx.min.js") ? "htmx.org/2.0.10/dist/htmx.min.js" : null;
        }
    }
}
