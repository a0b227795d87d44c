package no.vern.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The component schema names of the OpenAPI document: short where unique, told apart where not. */
class OpenApiSchemaNamesTest {

    @Test
    void aUniqueSimpleNameIsKeptAsItIs() {
        assertThat(OpenApiSchemaNames.shortNames(List.of("no.vern.processing.SubjectKind", "no.vern.identity.Role")))
                .containsEntry("no.vern.processing.SubjectKind", "SubjectKind").containsEntry("no.vern.identity.Role", "Role");
    }

    @Test
    void recordsOfTheSameNameInTwoControllersAreNamedAfterTheirController() {
        assertThat(OpenApiSchemaNames.shortNames(List.of("no.vern.register.api.SubjectsApiController$Created",
                "no.vern.requests.api.RequestsApiController.Created", "no.vern.identity.api.TokenApi.Created")))
                .containsEntry("no.vern.register.api.SubjectsApiController$Created", "SubjectsCreated")
                .containsEntry("no.vern.requests.api.RequestsApiController.Created", "RequestsCreated")
                .containsEntry("no.vern.identity.api.TokenApi.Created", "TokenCreated");
    }

    @Test
    void topLevelTypesOfTheSameNameAreNamedAfterTheirModule() {
        assertThat(OpenApiSchemaNames.shortNames(List.of("no.vern.breach.Status", "no.vern.vendors.internal.Status")))
                .containsEntry("no.vern.breach.Status", "BreachStatus").containsEntry("no.vern.vendors.internal.Status", "VendorsStatus");
    }

    @Test
    void namesTheRuleCannotTellApartStopTheDocument() {
        assertThatThrownBy(() -> OpenApiSchemaNames.shortNames(List.of("no.vern.breach.Status", "no.vern.breach.internal.Status")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BreachStatus");
    }
}
