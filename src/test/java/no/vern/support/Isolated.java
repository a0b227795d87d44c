package no.vern.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that starts a Vern of its own inside the test JVM (its own {@code SpringApplication} on its own
 * database or data directory, a port of its own) and shares nothing else with the suite: no cached application
 * context, no shared database, mail server, browser or test clock. It runs beside the rest of the suite on the second
 * of JUnit's two workers (src/test/resources/junit-platform.properties), one such class at a time, together with the
 * child-process classes of {@code platform.ChildProcesses} (the same lock), its methods in order in one thread. A class
 * that uses {@code @VernTest}, the shared mail server or anything static of the test support must not carry it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Isolated.SECOND_WORKER)
public @interface Isolated {

    /** The lock that keeps the classes beside the suite one at a time on the second worker. */
    String SECOND_WORKER = "second-worker";
}
