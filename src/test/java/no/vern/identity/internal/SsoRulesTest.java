package no.vern.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.vern.identity.Role;

/** The pure rules of single sign-on: role mapping from groups, usernames from login names, the CSP's form-action. */
class SsoRulesTest {

    @Test
    void mappedGroupsGiveTheirRolesTogetherAndUnmappedGroupsGiveNothing() {
        RoleMapping mapping = RoleMapping.parse("vern-personvern=PRIVACY_OFFICER,AUDITOR; vern-saksbehandling=CASE_HANDLER");

        assertThat(mapping.rolesOf(List.of("vern-saksbehandling", "alle-ansatte")))
                .containsExactly(Role.CASE_HANDLER);
        assertThat(mapping.rolesOf(List.of("vern-personvern", "vern-saksbehandling")))
                .containsExactlyInAnyOrder(Role.PRIVACY_OFFICER, Role.AUDITOR, Role.CASE_HANDLER);
        assertThat(mapping.rolesOf(List.of("alle-ansatte"))).isEmpty();
        assertThat(mapping.rolesOf(List.of())).isEmpty();
    }

    @Test
    void aGroupNameMayContainSpacesAndEqualsSigns() {
        assertThat(RoleMapping.parse("Vern = personvern=PRIVACY_OFFICER").rolesOf(List.of("Vern = personvern")))
                .containsExactly(Role.PRIVACY_OFFICER);
    }

    @Test
    void aTypoInARoleNameStopsTheStartInsteadOfGrantingNothingSilently() {
        assertThatThrownBy(() -> RoleMapping.parse("vern=PRIVACY_OFICER")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown role");
        assertThatThrownBy(() -> RoleMapping.parse("vern-personvern")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usernameIsTheLocalPartInTheUsernameAlphabetNeverTheEmailAndUnique() {
        assertThat(SsoAccounts.usernameFor("Kari.Nordmann@fjellvik.example", n -> false)).isEqualTo("kari.nordmann");
        assertThat(SsoAccounts.usernameFor("kari.nordmann@fjellvik.example", Set.of("kari.nordmann", "kari.nordmann-2")::contains))
                .isEqualTo("kari.nordmann-3");
        assertThat(SsoAccounts.usernameFor("Åse Øvre+vern@fjellvik.example", n -> false)).isEqualTo("se--vre-vern");
        assertThat(SsoAccounts.usernameFor("x@fjellvik.example", n -> false)).isEqualTo("sso-x");
        String base = "a".repeat(34);
        assertThat(SsoAccounts.usernameFor("a".repeat(60) + "@fjellvik.example", Set.of(base)::contains))
                .isEqualTo(base + "-2").matches("[a-z0-9][a-z0-9._-]{1,39}");
    }

    @Test
    void emailDomainIsComparedWithoutCase() {
        assertThat(SsoAccounts.domainOf("kari@Fjellvik.EXAMPLE")).isEqualTo("fjellvik.example");
        assertThat(SsoAccounts.domainOf("no-at-sign")).isEmpty();
    }

    @Test
    void logoutAtTheProviderIsAllowedByFormActionAndNothingElseChanges() {
        String csp = SecurityConfiguration.withFormActions(SecurityConfiguration.CSP, List.of("https://login.example"));
        assertThat(csp).contains("form-action 'self' https://login.example;")
                .isEqualTo(SecurityConfiguration.CSP.replace("form-action 'self'", "form-action 'self' https://login.example"));
        assertThat(SecurityConfiguration.withFormActions(SecurityConfiguration.CSP, List.of())).isEqualTo(SecurityConfiguration.CSP);
    }

    @Test
    void clientSecretsAreReadOnlyByReference() {
        assertThatThrownBy(() -> OidcConfiguration.secret("hemmelig")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("by reference");
        assertThatThrownBy(() -> OidcConfiguration.secret("env:VERN_TEST_SURELY_UNSET_" + System.nanoTime()))
                .isInstanceOf(IllegalStateException.class);
    }
}
