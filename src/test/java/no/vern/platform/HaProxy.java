package no.vern.platform;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * HAProxy (the operating system's package) in front of Vern nodes on loopback (issue 27, item 1), with the
 * configuration {@code docs/operations.md} recommends for a VM pair: health checks on
 * {@code /actuator/health/readiness} every 500 ms (a node is out after 2 failed checks, back after 2 good ones), a
 * request whose connection a node refuses is sent to the other node ({@code retry-on conn-failure} with
 * {@code option redispatch}: only when nothing was sent, so a write is never sent twice), and the serving node named
 * in {@code X-Vern-Node} so the test can tell which node answered.
 */
final class HaProxy implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("vern.test.haproxy", "/usr/sbin/haproxy"));

    private final int port;
    private final Process process;

    private HaProxy(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** The configuration for the nodes (name → port), listening on {@code port}. */
    static String config(int port, List<String> names, List<Integer> ports) {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            servers.append("    server ").append(names.get(i)).append(" 127.0.0.1:").append(ports.get(i)).append(" check\n");
        }
        return """
                global
                    maxconn 512
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                    retries 2
                    option redispatch 1
                    retry-on conn-failure
                frontend vern
                    bind 127.0.0.1:%d
                    default_backend nodes
                backend nodes
                    balance roundrobin
                    option httpchk GET /actuator/health/readiness
                    http-check expect status 200
                    default-server inter 500ms fall 2 rise 2
                    http-response set-header X-Vern-Node %%s
                %s""".formatted(port, servers);
    }

    static HaProxy start(Path dir, List<String> names, List<Integer> ports) throws Exception {
        int port = VernProcess.freePort();
        Files.createDirectories(dir);
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, config(port, names, ports));
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        HaProxy proxy = new HaProxy(port, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy ended: " + Files.readString(dir.resolve("haproxy.log")));
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return proxy;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        proxy.close();
        throw new AssertionError("haproxy did not listen on " + port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        Stream.concat(process.descendants(), Stream.of(process.toHandle())).forEach(ProcessHandle::destroyForcibly);
    }
}
