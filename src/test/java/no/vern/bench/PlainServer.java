package no.vern.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The plain Spring Boot app ({@link PlainApp}) as a separate JVM on loopback, started with the same {@code java} and
 * the same JVM options as Vern, on the harness's class path (the same library versions Vern is built with); its
 * output goes to a file. {@link #start} returns once {@code GET /plain} answers 200.
 */
final class PlainServer implements AutoCloseable {

    private final Process process;
    private final String baseUrl;

    private PlainServer(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static PlainServer start(Path work, List<String> jvmOptions) throws Exception {
        int port = VernServer.freePort();
        List<String> command = new ArrayList<>();
        command.add(VernServer.java());
        // The same options as Vern, but a recording of its own: two JVMs dumping into one JFR file corrupt it.
        jvmOptions.stream().map(o -> o.startsWith("-XX:StartFlightRecording=") ? o.replace("-server.jfr", "-plain.jfr") : o)
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PlainApp.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                // not Vern's application.yml (it is on the same class path)
                "--spring.config.name=bench-plain-app", "--spring.main.banner-mode=off"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("plain-app.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "bench-plain-stop"));
        String baseUrl = "http://localhost:" + port;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/plain")).timeout(Duration.ofSeconds(5))
                .GET().build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The plain app exited with " + process.exitValue() + "; see "
                        + work.resolve("plain-app.log"));
            }
            try {
                if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new PlainServer(process, baseUrl);
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("The plain app was not ready within 120 s");
            }
            Thread.sleep(50);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    /** CPU milliseconds of the JVM's JIT compiler threads (part of {@link #cpuMillis()}). */
    double compilerMillis() {
        return ProcCpu.compilerMillis(process.pid());
    }

    /** CPU milliseconds of the plain app's JVM so far. */
    double cpuMillis() {
        return ProcCpu.treeMillis(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
