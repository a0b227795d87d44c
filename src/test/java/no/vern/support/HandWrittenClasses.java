package no.vern.support;

import java.util.regex.Pattern;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * For the architecture tests: only the classes compiled from src/main, not those Spring AOT generates into
 * target/classes in the {@code cds} build ({@code X__BeanDefinitions}, {@code X$$SpringCGLIB$$0}, the application's
 * {@code __ApplicationContextInitializer}), which stay there for a later test run without {@code clean}.
 */
public final class HandWrittenClasses implements ImportOption {

    private static final Pattern AOT_GENERATED =
            Pattern.compile(".*/no/vern/.*(__[A-Za-z]+|\\$\\$SpringCGLIB\\$\\$\\d+)\\.class");

    @Override
    public boolean includes(Location location) {
        return !location.matches(AOT_GENERATED);
    }
}
