package no.vern.identity.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How staff sign in: local passwords (on or off), the identity providers (OpenID Connect) by id, SCIM's role
 * mapping and the cap on a session's lifetime. The default provider comes from {@code VERN_OIDC_*}; more are
 * added as {@code VERN_IDENTITY_OIDC_<ID>_ISSUER} and so on. A provider without an issuer is not configured.
 *
 * @param localPasswords whether accounts with a password may log in with it (the bootstrap admin's way in)
 * @param sessionMaxAge how long a login lasts at most, however active the session: a role taken away at the
 *        provider is gone within this time, because the next sign-in reads the groups again
 * @param oidc the identity providers by id (letters, digits and dashes)
 * @param scim SCIM provisioning settings
 */
@ConfigurationProperties("vern.identity")
record SsoProperties(@DefaultValue("true") boolean localPasswords, @DefaultValue("8h") Duration sessionMaxAge,
        @DefaultValue Map<String, Provider> oidc, @DefaultValue Scim scim) {

    SsoProperties {
        if (sessionMaxAge.isNegative() || sessionMaxAge.isZero() || sessionMaxAge.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("vern.identity.session-max-age must be more than 0 and at most 24 hours");
        }
        oidc = Map.copyOf(oidc);
        oidc.keySet().forEach(id -> {
            if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new IllegalArgumentException("OIDC provider ids are lower-case letters, digits and dashes");
            }
        });
    }

    /** The providers that have an issuer, by id in a stable order. */
    Map<String, Provider> configured() {
        Map<String, Provider> result = new TreeMap<>();
        oidc.forEach((id, p) -> {
            if (!p.issuer().isBlank()) {
                result.put(id, p);
            }
        });
        return result;
    }

    /**
     * One identity provider.
     *
     * @param issuer the OpenID Connect issuer URL (its discovery document is read on first use)
     * @param clientId Vern's client id at the provider
     * @param clientSecretRef where the client secret is: {@code env:NAME} or {@code file:/path} (never the secret)
     * @param displayName the name on the login button ("Entra ID"); the id when blank
     * @param groupsClaim the claim whose values are mapped to roles (e.g. {@code groups}, {@code roles})
     * @param roleMapping {@code value=ROLE,ROLE;value2=ROLE}: claim values to Vern roles
     * @param allowedDomains comma-separated e-mail domains whose people may get an account at their first sign-in
     */
    record Provider(@DefaultValue("") String issuer, @DefaultValue("") String clientId,
            @DefaultValue("") String clientSecretRef, @DefaultValue("") String displayName,
            @DefaultValue("groups") String groupsClaim, @DefaultValue("") String roleMapping,
            @DefaultValue("") String allowedDomains) {

        RoleMapping roles() {
            return RoleMapping.parse(roleMapping);
        }

        List<String> domains() {
            return Arrays.stream(allowedDomains.split(",")).map(d -> d.strip().toLowerCase(Locale.ROOT))
                    .filter(d -> !d.isEmpty()).toList();
        }

        String name(String id) {
            return displayName.isBlank() ? id : displayName;
        }

        @Override
        public String toString() {
            return "Provider[issuer=" + issuer + ", clientSecretRef=" + clientSecretRef + "]";
        }
    }

    /**
     * SCIM provisioning.
     *
     * @param roleMapping {@code group display name=ROLE,ROLE;…}: which SCIM groups give which roles
     */
    record Scim(@DefaultValue("") String roleMapping) {

        RoleMapping roles() {
            return RoleMapping.parse(roleMapping);
        }
    }
}
