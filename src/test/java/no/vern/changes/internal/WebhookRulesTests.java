package no.vern.changes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import no.vern.changes.ChangeEvent;
import no.vern.shared.AddressGuard;
import no.vern.shared.Dialer;
import no.vern.shared.HostResolver;
import no.vern.shared.WebhookClient;
import tools.jackson.databind.json.JsonMapper;

/** The pure rules of webhook delivery: Standard Webhooks signatures, backoff with jitter, the SSRF guard on targets. */
class WebhookRulesTests {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @Test
    void aSignatureVerifiesWithTheStandardWebhooksAlgorithmOfTheSpecification() {
        byte[] key = new byte[32];
        key[0] = 7;
        String secret = WebhookSigner.secret(key);
        String body = "{\"id\":\"msg\"}";
        String header = WebhookSigner.header(List.of(key), "msg_1", NOW.getEpochSecond(), body.getBytes(StandardCharsets.UTF_8));

        var received = new LoopbackReceiver.Received("msg_1", NOW.getEpochSecond(), header, body, 204);
        assertThat(secret).startsWith("whsec_");
        assertThat(header).startsWith("v1,");
        assertThat(LoopbackReceiver.verifies(secret, received, NOW)).isTrue();
        // A changed body, id or timestamp does not verify.
        assertThat(LoopbackReceiver.verifies(secret, new LoopbackReceiver.Received("msg_1", NOW.getEpochSecond(), header,
                body + " ", 204), NOW)).isFalse();
        assertThat(LoopbackReceiver.verifies(secret, new LoopbackReceiver.Received("msg_2", NOW.getEpochSecond(), header,
                body, 204), NOW)).isFalse();
    }

    @Test
    void duringAnOverlapBothSecretsSignAndEitherVerifies() {
        byte[] old = new byte[32];
        byte[] fresh = new byte[32];
        fresh[31] = 1;
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSigner.header(List.of(fresh, old), "msg", NOW.getEpochSecond(), body);

        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        var r = new LoopbackReceiver.Received("msg", NOW.getEpochSecond(), header, "{}", 204);
        assertThat(LoopbackReceiver.verifies(WebhookSigner.secret(old), r, NOW)).isTrue();
        assertThat(LoopbackReceiver.verifies(WebhookSigner.secret(fresh), r, NOW)).isTrue();
        byte[] other = new byte[32];
        other[5] = 9;
        assertThat(LoopbackReceiver.verifies(WebhookSigner.secret(other), r, NOW)).isFalse();
    }

    @Test
    void backoffDoublesPerFailedAttemptUpToTheCapAndJitterAddsAtMostAQuarter() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofHours(6));

        assertThat(backoff.after(1, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(2, 0)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(5, 0)).isEqualTo(Duration.ofSeconds(480));
        assertThat(backoff.after(12, 0)).isEqualTo(Duration.ofHours(6));
        assertThat(backoff.after(40, 0)).isEqualTo(Duration.ofHours(6));
        assertThat(backoff.after(1, 0.5)).isEqualTo(Duration.ofMillis(33_750));
        assertThat(backoff.after(12, 0.999_999)).isLessThan(Duration.ofMinutes(450)).isGreaterThan(Duration.ofHours(7));
        assertThatThrownBy(() -> backoff.after(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backoff.after(1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSsrfGuardRefusesPrivateAndLoopbackTargetsUnlessTheServerAllowsThem() throws Exception {
        HostResolver resolver = host -> switch (host) {
            case "crm.internal.test" -> List.of(InetAddress.getByName("10.1.2.3"));
            case "sneaky.test" -> List.of(InetAddress.getByName("127.0.0.1"));
            default -> List.of(InetAddress.getByName("93.184.216.34"));
        };
        Dialer never = (address, port, timeout) -> fail("must not connect to a refused address");
        AddressGuard guard = new AddressGuard(resolver);
        WebhookClient client = new WebhookClient(guard, never, Duration.ofSeconds(1), Duration.ofSeconds(1));
        var none = new WebhookTargets(guard, AddressGuard.Allowances.NONE, client);
        WebhookDeliverer deliverer = deliverer(none);
        ChangeEvent event = new ChangeEvent("1.0", UUID.randomUUID(), "/vern", "no.vern.webhook.test", null, NOW,
                "application/json", new ChangeEvent.Data(null, List.of(), Map.of()));

        for (String url : List.of("http://crm.internal.test/hook", "http://sneaky.test/hook", "http://10.0.0.1/hook",
                "http://[::1]/hook", "http://169.254.169.254/latest", "http://2130706433/")) {
            WebhookDeliverer.Sent sent = deliverer.post(URI.create(url), event, List.of(new byte[32]));
            assertThat(sent.delivered()).as(url).isFalse();
            assertThat(sent.error()).as(url).isEqualTo("address-refused");
            assertThat(sent.statusCode()).isNull();
        }
        // Loopback by server setting: the guard passes it (the dialer is then asked), private networks still refused.
        var loopback = new AddressGuard.Allowances(true, false);
        assertThat(guard.check("sneaky.test", loopback).isLoopbackAddress()).isTrue();
        assertThatThrownBy(() -> guard.check("crm.internal.test", loopback)).isInstanceOf(AddressGuard.Refused.class);
        assertThatThrownBy(() -> guard.check("169.254.169.254", new AddressGuard.Allowances(true, true)))
                .isInstanceOf(AddressGuard.Refused.class);
    }

    @Test
    void aLeaseNoLongerThanOneDeliveryCanTakeIsRefusedSoAStillRunningDeliveryIsNeverClaimedAgain() {
        assertThatThrownBy(() -> new WebhookProperties(3, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(10), 10, 1, false, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease");
        assertThat(new WebhookProperties(3, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(16),
                Duration.ofSeconds(5), Duration.ofSeconds(10), 10, 1, false, false, false).lease()).hasSeconds(16);
    }

    private static WebhookDeliverer deliverer(WebhookTargets targets) {
        WebhookProperties properties = new WebhookProperties(3, Duration.ofSeconds(1), Duration.ofSeconds(10),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 10, 1, false, false, false);
        return new WebhookDeliverer(null, null, targets, JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC),
                () -> 0, null, null, properties);
    }
}
