package no.vern.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives every test application context (registered in {@code META-INF/spring.factories}) the JVM's shared
 * expensive fixtures: its own database copied from the migrated template on the one embedded PostgreSQL
 * ({@link TestDatabases}) and the one GreenMail server ({@link TestMail}). The customizer is the same for every
 * test class, so it never splits the context cache; a test that names its own {@code vern.db.url} keeps it.
 */
public final class SharedTestInfrastructure implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableEnvironment environment = context.getEnvironment();
            Map<String, Object> properties = new LinkedHashMap<>();
            if (environment.getProperty("vern.db.url", "").isBlank()) {
                properties.put("vern.db.url", TestDatabases.fresh());
                properties.put("vern.db.user", TestDatabases.USER);
                properties.put("vern.db.password", "");
                // The embedded server of old made Vern generate its keysets; the shared one is "external".
                properties.put("vern.keys.generate-missing", "true");
            }
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", TestMail.server().getSmtp().getPort());
            environment.getPropertySources().addFirst(new MapPropertySource("vern-shared-test-fixtures",
                    Map.copyOf(properties)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
