package no.vern;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Verifies the module structure (no cycles, no reaching into internals) and documents it. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(VernApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs")).writeDocumentation().writeIndividualModulesAsPlantUml();
    }
}
