package no.vern.connectors.internal;

import no.vern.shared.AddressGuard;
import no.vern.shared.HostResolver;
import no.vern.shared.Dialer;
import no.vern.shared.WebhookClient;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The webhook client's SSRF defence, checked at the address level: names resolve through a test resolver
 * (no DNS traffic), and the socket factory FAILS the test if it is ever asked to connect to a refused
 * address. Only a loopback server started here is contacted for real, and only when allowed.
 */
class SsrfGuardTests {

    private static final Map<String, List<String>> DNS = Map.of(
            "metadata.test", List.of("169.254.169.254"),
            "intranet.test", List.of("10.1.2.3"),
            "router.test", List.of("192.168.1.1"),
            "docker.test", List.of("172.17.0.1"),
            "localhost.test", List.of("127.0.0.1"),
            "v6-link.test", List.of("fe80::1"),
            "v6-ula.test", List.of("fd00::1"),
            "mapped.test", List.of("::ffff:10.0.0.1"),
            "mixed.test", List.of("198.51.100.20", "10.0.0.9"),
            "public.test", List.of("198.51.100.20"));

    private final AtomicInteger lookups = new AtomicInteger();

    private final HostResolver testResolver = host -> {
        lookups.incrementAndGet();
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException("not in the test resolver");
        }
        List<InetAddress> resolved = new java.util.ArrayList<>();
        for (String a : addresses) {
            resolved.add(InetAddress.getByName(a)); // literals only: no DNS
        }
        return resolved;
    };

    /** Fails the test instead of connecting. */
    private static final Dialer NEVER = (address, port, timeout) -> fail("must not connect to " + address);

    private WebhookClient client(Dialer dialer) {
        return new WebhookClient(new AddressGuard(testResolver), dialer, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    private static final AddressGuard.Allowances NONE = AddressGuard.Allowances.NONE;

    @ParameterizedTest
    @ValueSource(strings = {
            "http://127.0.0.1/", "http://127.1.2.3:8080/x", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/", "http://10.255.255.255/", "http://172.16.0.1/", "http://172.31.255.1/", "http://192.168.0.10/",
            "http://[::ffff:10.0.0.1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:a9fe:a9fe]/", "http://[64:ff9b::a9fe:a9fe]/",
            "http://[fe80::1]/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[::]/", "http://0.0.0.0/",
            "http://0/", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/",
            "http://017700000001/", "http://127.1/", "http://10.1/", "http://224.0.0.1/", "http://[ff02::1]/",
            "http://100.64.0.1/", "http://255.255.255.255/",
            "http://metadata.test/", "http://intranet.test/", "http://router.test/", "http://docker.test/",
            "http://localhost.test/", "http://v6-link.test/", "http://v6-ula.test/", "http://mapped.test/",
            "http://mixed.test/", "https://metadata.test/secure"})
    void refusesLoopbackLinkLocalPrivateAndOtherSpecialAddressesBeforeConnecting(String url) {
        assertThatThrownBy(() -> client(NEVER).post(URI.create(url), NONE, Map.of(), new byte[0]))
                .isInstanceOf(WebhookClient.CallFailed.class)
                .hasMessageMatching(".*(refused|invalid|must have a host).*");
    }

    @Test
    void refusesOtherSchemesAndUserInfo() {
        for (String url : List.of("ftp://public.test/", "file:///etc/passwd", "http://user:pw@public.test/", "gopher://public.test/")) {
            assertThatThrownBy(() -> client(NEVER).post(URI.create(url), NONE, Map.of(), new byte[0]))
                    .as(url).isInstanceOf(WebhookClient.CallFailed.class);
        }
    }

    @Test
    void privateNetworksCanBeAllowedPerConnectorButNeverLinkLocalOrMetadata() throws Exception {
        var allowPrivate = new AddressGuard.Allowances(false, true);
        AddressGuard guard = new AddressGuard(testResolver);
        assertThat(guard.check("intranet.test", allowPrivate).getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(guard.check("[fd00::1]", allowPrivate)).isNotNull();
        assertThatThrownBy(() -> guard.check("metadata.test", allowPrivate)).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("[fe80::1]", allowPrivate)).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("127.0.0.1", allowPrivate)).isInstanceOf(AddressGuard.Refused.class);
        var allowLoopback = new AddressGuard.Allowances(true, false);
        assertThat(guard.check("127.0.0.1", allowLoopback).isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> guard.check("10.0.0.1", allowLoopback)).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("2130706433", allowLoopback)).isInstanceOf(AddressGuard.Refused.class);
    }

    @Test
    void connectsToExactlyTheCheckedAddressWithoutResolvingAgain() {
        List<InetAddress> dialled = new CopyOnWriteArrayList<>();
        Dialer recording = (address, port, timeout) -> {
            dialled.add(address);
            throw new IOException("test dialer does not connect");
        };
        assertThatThrownBy(() -> client(recording).post(URI.create("http://public.test:8443/hook"), NONE, Map.of(), new byte[0]))
                .isInstanceOf(WebhookClient.CallFailed.class).hasMessageContaining("connection failed");
        assertThat(dialled).extracting(InetAddress::getHostAddress).containsExactly("198.51.100.20");
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void doesNotFollowARedirectToTheMetadataAddress() throws Exception {
        try (WebhookTestServer server = new WebhookTestServer("redirect-secret")) {
            server.modes.put("/hook", WebhookTestServer.Mode.REDIRECT_TO_METADATA);
            List<InetAddress> dialled = new CopyOnWriteArrayList<>();
            Dialer loopbackOnly = (address, port, timeout) -> {
                if (!address.isLoopbackAddress()) {
                    fail("must not connect to " + address);
                }
                dialled.add(address);
                return Dialer.PLAIN.connect(address, port, timeout);
            };
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            long now = java.time.Instant.now().getEpochSecond();
            Map<String, String> headers = Map.of(Signatures.TIMESTAMP_HEADER, String.valueOf(now),
                    Signatures.SIGNATURE_HEADER, Signatures.sign(server.secret, now, body));
            assertThatThrownBy(() -> client(loopbackOnly).post(URI.create(server.url("/hook")), new AddressGuard.Allowances(true, false),
                    headers, body)).isInstanceOf(WebhookClient.CallFailed.class).hasMessageContaining("redirect refused");
            assertThat(server.hits("/hook")).isEqualTo(1);
            assertThat(dialled).hasSize(1);
        }
    }

    @Test
    void loopbackServerIsRefusedUnlessTheConnectorAllowsLoopback() throws Exception {
        try (WebhookTestServer server = new WebhookTestServer("loop-secret")) {
            assertThatThrownBy(() -> client(NEVER).post(URI.create(server.url("/hook")), NONE, Map.of(), new byte[0]))
                    .isInstanceOf(WebhookClient.CallFailed.class).hasMessageContaining("loopback address refused");
            assertThat(server.hits("/hook")).isZero();
        }
    }

    @Test
    void signaturesAreCheckedWithinTheReplayWindow() {
        byte[] secret = "s3cret".getBytes(StandardCharsets.UTF_8);
        byte[] body = "{\"status\":\"DONE\"}".getBytes(StandardCharsets.UTF_8);
        java.time.Instant now = java.time.Instant.parse("2026-11-25T12:00:00Z");
        long ts = now.getEpochSecond();
        String signature = Signatures.sign(secret, ts, body);
        assertThat(Signatures.refusal(secret, String.valueOf(ts), signature, body, now)).isNull();
        assertThat(Signatures.refusal(secret, String.valueOf(ts), signature, "{\"status\":\"FAILED\"}".getBytes(StandardCharsets.UTF_8), now))
                .isEqualTo("signature does not match");
        assertThat(Signatures.refusal("other".getBytes(StandardCharsets.UTF_8), String.valueOf(ts), signature, body, now))
                .isEqualTo("signature does not match");
        assertThat(Signatures.refusal(secret, String.valueOf(ts), signature, body, now.plus(Duration.ofMinutes(6))))
                .isEqualTo("timestamp outside the replay window");
        assertThat(Signatures.refusal(secret, String.valueOf(ts + 1), signature, body, now)).isEqualTo("signature does not match");
        assertThat(Signatures.refusal(secret, null, signature, body, now)).isNotNull();
    }

    /** A JDBC system that resolves through the test resolver; credentials from a connector's environment pair. */
    private JdbcSystem jdbc(AddressGuard.Allowances allow) {
        Secrets secrets = new Secrets(java.nio.file.Path.of("target/no-secrets"),
                name -> name.startsWith("VERN_CONNECTOR_CRM_") ? "crm" : null);
        return new JdbcSystem(secrets, new AddressGuard(testResolver), allow);
    }

    private static ConnectorConfig.Jdbc crmAt(String url) {
        return (ConnectorConfig.Jdbc) ConnectorConfig.parse(no.vern.connectors.ConnectorType.JDBC,
                CrmDatabase.description(url, "env:VERN_CONNECTOR_CRM"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "jdbc:postgresql://127.0.0.1:5432/vern", "jdbc:postgresql://169.254.169.254/crm",
            "jdbc:postgresql://metadata.test/crm", "jdbc:postgresql://localhost.test:5432/vern", "jdbc:postgresql://intranet.test/crm",
            "jdbc:postgresql://mixed.test/crm", "jdbc:postgresql://[::1]/crm", "jdbc:postgresql://no-such-host.test/crm" })
    void jdbcHostsToRefusedAddressesFailWithTheOneUniformDetailAndNothingIsDialled(String url) {
        // Nothing listens for these in the test; a refused address must not even be tried (no port-scan oracle: one detail).
        assertThatThrownBy(() -> jdbc(NONE).check(crmAt(url))).isInstanceOf(java.sql.SQLException.class)
                .hasMessage(JdbcSystem.UNREACHABLE).satisfies(e -> assertThat(((java.sql.SQLException) e).getSQLState()).isNull());
    }

    @Test
    void aClosedLoopbackPortAllowedByTheServerFailsWithTheSameDetailAsARefusedAddress() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/crm";
        assertThatThrownBy(() -> jdbc(new AddressGuard.Allowances(true, false)).check(crmAt(url)))
                .hasMessage(JdbcSystem.UNREACHABLE);
        assertThatThrownBy(() -> jdbc(NONE).check(crmAt(url))).hasMessage(JdbcSystem.UNREACHABLE);
    }

    @Test
    void jdbcDriverParametersComeFromAnAllowListAndTheDriverConnectsToTheCheckedAddress() throws Exception {
        assertThatThrownBy(() -> JdbcTarget.parse("jdbc:postgresql://db.example/crm?socketFactory=evil.Factory"))
                .hasMessageContaining("'socketFactory' is not allowed");
        assertThatThrownBy(() -> JdbcTarget.parse("jdbc:postgresql://db.example/crm?loggerFile=/tmp/x")).hasMessageContaining("not allowed");
        assertThatThrownBy(() -> JdbcTarget.parse("jdbc:mysql://db.example/crm")).hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> JdbcTarget.parse("jdbc:postgresql://a.example,b.example/crm")).hasMessageContaining("one host");
        JdbcTarget target = JdbcTarget.parse("jdbc:postgresql://public.test:6543/crm?sslmode=verify-full");
        assertThat(target.url()).isEqualTo("jdbc:postgresql://public.test:6543/crm?sslmode=verify-full");
        var properties = target.properties(InetAddress.getByName("198.51.100.20"), "u", "p");
        assertThat(properties.getProperty("socketFactory")).isEqualTo(no.vern.connectors.pinning.PinnedSocketFactory.class.getName());
        assertThat(properties.getProperty("socketFactoryArg")).isEqualTo("198.51.100.20");
        // The pinned factory connects to its address whatever host the driver asks for.
        try (var server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var socket = new no.vern.connectors.pinning.PinnedSocketFactory("127.0.0.1").createSocket()) {
            socket.connect(java.net.InetSocketAddress.createUnresolved("elsewhere.example", server.getLocalPort()), 2000);
            assertThat(socket.getInetAddress().isLoopbackAddress()).isTrue();
        }
    }
}
