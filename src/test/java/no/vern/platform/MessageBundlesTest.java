package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Rule 8: every Norwegian text has its English twin and the other way round. */
class MessageBundlesTest {

    @Test
    void norwegianAndEnglishBundlesHaveTheSameKeys() throws IOException {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Resource[] bundles = resolver.getResources("classpath*:i18n/*.properties");
        int compared = 0;
        for (Resource norwegian : bundles) {
            String name = norwegian.getFilename();
            if (name == null || name.contains("_")) {
                continue;
            }
            Resource english = norwegian.createRelative(name.replace(".properties", "_en.properties"));
            assertThat(english.exists()).as("English twin of " + name).isTrue();
            Set<String> nb = keys(norwegian);
            Set<String> en = keys(english);
            Set<String> onlyNb = new TreeSet<>(nb);
            onlyNb.removeAll(en);
            Set<String> onlyEn = new TreeSet<>(en);
            onlyEn.removeAll(nb);
            assertThat(onlyNb).as("keys of " + name + " missing in English").isEmpty();
            assertThat(onlyEn).as("keys of " + name + " missing in Norwegian").isEmpty();
            compared++;
        }
        assertThat(compared).isGreaterThan(1);
    }

    private static Set<String> keys(Resource resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = resource.getInputStream()) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
