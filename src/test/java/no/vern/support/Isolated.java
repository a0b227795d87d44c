package no.vern.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that shares nothing with the rest of the suite's in-JVM state, so it can run beside it on the second of
 * JUnit's two workers (src/test/resources/junit-platform.properties), one such class at a time, together with the
 * child-process classes of {@code platform.ChildProcesses} (the same lock), its methods in order in one thread.
 * Two kinds qualify:
 * <ul>
 * <li>a class that starts a Vern (or two, or parts of one) of its own inside the test JVM: its own
 * {@code SpringApplication} or components on its own database (e.g. {@link TestDatabases#fresh()}) or data directory,
 * a port of its own; no cached application context, no test clock, no browser ({@code TwoNodesTest},
 * {@code TokenCacheTest}, {@code RecipientsMigrationTest}, {@code DemoModeTest});</li>
 * <li>a class that starts no Vern at all and reads only class files and committed documents, or runs a tool on them as a
 * child process, writing only under a directory of its own in {@code target} ({@code ModularityTests},
 * {@code WebsiteArchitectureTests}, {@code GeneratedTypeScriptClientTest}).</li>
 * </ul>
 * Such a class may send to the shared mail server ({@link TestMail}) only when it reads nothing but mail to addresses
 * it made itself ({@link MailTestSupport#uniqueEmail()}): GreenMail takes messages from many senders at once, and no
 * class empties it. A class that uses {@code @VernTest} (or any cached context), the test clock, the pooled browser or
 * other static test support must not carry it: those run one class after the other on the first worker.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(Isolated.SECOND_WORKER)
public @interface Isolated {

    /** The lock that keeps the classes beside the suite one at a time on the second worker. */
    String SECOND_WORKER = "second-worker";
}
