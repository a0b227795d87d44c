package no.vern.identity.sso;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.JOSEObjectType;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import no.vern.support.VernTest;

/**
 * The single sign-on test context (issue 25): Vern on a random port with one OpenID Connect provider, a
 * mock-oauth2-server on loopback started once per JVM, groups {@code vern-personvern} and
 * {@code vern-saksbehandling} mapped to roles, accounts just in time for {@code fjellvik.example} only, and the
 * movable clock. It is a context of its own because single sign-on changes the session cookie to SameSite=Lax,
 * which the shared contexts' cookie tests would (rightly) refuse. Test classes extending it share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(VernTest.Clocks.class)
public abstract class SsoTestSupport {

    /** The provider's id in Vern (its button is {@code #sso-test}). */
    protected static final String PROVIDER = "test";
    protected static final String CLIENT_ID = "vern-test-client";
    protected static final String ISSUER_ID = "vern-test";
    protected static final MockOAuth2Server IDP = new MockOAuth2Server();
    private static final Path SECRET;

    static {
        try {
            IDP.start(InetAddress.getLoopbackAddress(), 0);
            SECRET = Files.createTempFile("vern-oidc-secret", ".txt");
            Files.writeString(SECRET, "not-a-real-secret");
            SECRET.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        String prefix = "vern.identity.oidc." + PROVIDER + ".";
        registry.add(prefix + "issuer", () -> IDP.issuerUrl(ISSUER_ID).toString());
        registry.add(prefix + "client-id", () -> CLIENT_ID);
        registry.add(prefix + "client-secret-ref", () -> "file:" + SECRET);
        registry.add(prefix + "display-name", () -> "Fjellvik ID");
        registry.add(prefix + "role-mapping", () -> "vern-personvern=PRIVACY_OFFICER;vern-saksbehandling=CASE_HANDLER");
        registry.add(prefix + "allowed-domains", () -> "fjellvik.example");
        registry.add("vern.identity.scim.role-mapping", () -> "Vern personvern=PRIVACY_OFFICER;Vern saksbehandling=CASE_HANDLER");
    }

    /** The provider answers the next sign-in for this person with these claims. */
    protected static void nextSignIn(String subject, Map<String, Object> claims) {
        IDP.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, subject, JOSEObjectType.JWT.getType(),
                List.of(CLIENT_ID), claims, 3600));
    }
}
