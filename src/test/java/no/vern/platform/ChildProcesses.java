package no.vern.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import no.vern.support.Isolated;

/**
 * A test class that runs Vern (and PostgreSQL, HAProxy) as child processes and mostly waits on them: it runs beside
 * the rest of the suite, on the second of JUnit's two workers (src/test/resources/junit-platform.properties), one such
 * class at a time (the lock it shares with {@link Isolated}), its methods in order in one thread. Everything else runs
 * one class after the other as before. The classes share nothing with the in-process tests but the test JVM's
 * PostgreSQL server, on which each has a database of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Isolated.SECOND_WORKER)
@interface ChildProcesses {
}
