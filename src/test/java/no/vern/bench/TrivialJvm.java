package no.vern.bench;

/**
 * The cold-start baseline: a Spring-less JVM that starts, prints the CPU seconds it used and exits. Started by
 * {@link VernServer#jvmStart()} with the same {@code java} as the server, so that its wall time shows how slowly
 * this machine starts any JVM right now, and its CPU time what a JVM start costs at all.
 */
public final class TrivialJvm {

    private TrivialJvm() {
    }

    public static void main(String[] args) {
        System.out.println(ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0));
    }
}
