package no.vern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Verifies the module structure (no cycles, no reaching into internals, no dependency a module has not
 * declared, no declared dependency it does not use), keeps the module table of {@code docs/architecture.md}
 * generated from the model, and writes the diagrams to {@code target/modulith-docs}.
 *
 * <p>Reads only class files and documents, and starts no Vern: it runs beside the suite on the second worker
 * ({@link no.vern.support.Isolated}). The module model is built once for the class (a static field).
 */
@no.vern.support.Isolated
class ModularityTests {

    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");
    private static final String REGENERATE = "./mvnw -q test -Dtest=ModularityTests -Dvern.docs.write=true";

    private static final ApplicationModules modules = ApplicationModules.of(VernApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void everyModuleDeclaresItsDependencies() {
        List<String> open = modules.stream()
                .filter(m -> ModuleTable.declared(m, modules).isEmpty() && !usesNothing(m))
                .map(ModuleTable::name).toList();
        assertThat(open).as("modules without allowedDependencies (open to every module)").isEmpty();
    }

    @Test
    void everyDeclaredDependencyIsUsed() {
        List<String> unused = modules.stream().flatMap(m -> ModuleTable.declared(m, modules).stream()
                .filter(allowed -> m.getDirectDependencies(modules).stream().noneMatch(d -> allowed.getTargetModule()
                        .equals(d.getTargetModule()) && (allowed.getTargetNamedInterface() == null
                                || allowed.getTargetNamedInterface().contains(d.getTargetType()))))
                .map(allowed -> ModuleTable.name(m) + " -> " + allowed))
                .toList();
        assertThat(unused).as("allowed dependencies that no type of the module uses: remove them from its package-info")
                .isEmpty();
    }

    @Test
    void anUndeclaredDependencyFailsTheVerification() {
        // fixture.undeclared.a uses a type of fixture.undeclared.b but declares only "c".
        ApplicationModules fixture = ApplicationModules.of("fixture.undeclared", location -> true);
        assertThatThrownBy(fixture::verify).hasMessageContaining("Module 'a' depends on module 'b'");
    }

    @Test
    void theArchitectureDocumentShowsTheModuleModel() throws IOException {
        String document = Files.readString(ARCHITECTURE, StandardCharsets.UTF_8);
        String generated = ModuleTable.withTable(document, ModuleTable.render(modules));
        if (Boolean.getBoolean("vern.docs.write")) {
            Files.writeString(ARCHITECTURE, generated, StandardCharsets.UTF_8);
            return;
        }
        if (!generated.equals(document)) {
            fail("The module table of docs/architecture.md differs from the module model (package-info.java, "
                    + "@NamedInterface). Do not edit it by hand; regenerate it with\n  " + REGENERATE
                    + "\nThe model gives:\n" + ModuleTable.render(modules));
        }
    }

    @Test
    void aHandEditedTableIsNoticed() {
        String table = ModuleTable.render(modules);
        String document = "# x\n" + ModuleTable.BEGIN + "\n" + table + ModuleTable.END + "\n";
        assertThat(ModuleTable.withTable(document, table)).isEqualTo(document);
        String edited = document.replace("`shared` |", "`shared` (edited) |");
        assertThat(ModuleTable.withTable(edited, table)).isNotEqualTo(edited);
    }

    @Test
    void everyModuleHasARowInTheHandWrittenOwnsTable() throws IOException {
        String document = Files.readString(ARCHITECTURE, StandardCharsets.UTF_8);
        String owns = document.substring(document.indexOf("## What each module owns"));
        Matcher rows = Pattern.compile("(?m)^\\| `([a-z]+)` \\|").matcher(owns.substring(0, owns.indexOf("\n## ", 1)));
        Set<String> described = new TreeSet<>();
        while (rows.find()) {
            described.add(rows.group(1));
        }
        assertThat(described).isEqualTo(modules.stream().map(ModuleTable::name).collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeDocumentation(); // the overview, one diagram and one canvas per module, the aggregating page
        assertThat(Path.of("target/modulith-docs/components.puml")).exists();
        assertThat(Path.of("target/modulith-docs/module-register.puml")).exists();
    }

    private static boolean usesNothing(ApplicationModule module) {
        return module.getDirectDependencies(modules).stream().findAny().isEmpty();
    }
}
