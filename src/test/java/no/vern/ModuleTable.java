package no.vern;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;

/**
 * The module table of {@code docs/architecture.md}, generated from the Spring Modulith model: each module's
 * name, display name, declared dependencies (with named interfaces) and the named interfaces it exposes.
 * The table sits between two markers in the document; everything outside them is written by hand.
 */
final class ModuleTable {

    static final String BEGIN = "<!-- modules:begin: generated from the module model by ModularityTests; "
            + "regenerate with ./mvnw -q test -Dtest=ModularityTests -Dvern.docs.write=true -->";
    static final String END = "<!-- modules:end -->";

    private ModuleTable() {
    }

    /** The Markdown table, modules ordered by depth (the kernel first), then by name. */
    static String render(ApplicationModules modules) {
        Map<ApplicationModule, Integer> depths = new HashMap<>();
        modules.forEach(m -> depth(m, modules, depths));
        List<ApplicationModule> ordered = modules.stream()
                .sorted(Comparator.<ApplicationModule>comparingInt(depths::get).thenComparing(ModuleTable::name))
                .toList();
        StringBuilder table = new StringBuilder()
                .append("| module | display name | depends on (declared, each one used) | named interfaces it exposes |\n")
                .append("|---|---|---|---|\n");
        for (ApplicationModule module : ordered) {
            table.append("| `").append(name(module)).append("` | ").append(module.getDisplayName()).append(" | ")
                    .append(dependencies(module, modules)).append(" | ").append(namedInterfaces(module)).append(" |\n");
        }
        return table.toString();
    }

    /** The document with the text between the markers replaced by the table; fails without markers. */
    static String withTable(String document, String table) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("docs/architecture.md lacks the markers " + BEGIN + " … " + END);
        }
        return document.substring(0, begin + BEGIN.length()) + "\n" + table + document.substring(end);
    }

    static String name(ApplicationModule module) {
        return module.getIdentifier().toString();
    }

    /**
     * The module's allowed dependencies without itself (Spring Modulith adds the shared module, declared in
     * {@code @Modulithic(sharedModules)}, to every module's list, the shared module's own included).
     */
    static List<ApplicationModule.AllowedDependency> declared(ApplicationModule module, ApplicationModules modules) {
        return module.getAllowedDependencies(modules).stream().filter(d -> !d.getTargetModule().equals(module)).toList();
    }

    private static int depth(ApplicationModule module, ApplicationModules modules, Map<ApplicationModule, Integer> depths) {
        Integer known = depths.get(module);
        if (known != null) {
            return known;
        }
        int depth = declared(module, modules).stream()
                .mapToInt(d -> 1 + depth(d.getTargetModule(), modules, depths)).max().orElse(0);
        depths.put(module, depth);
        return depth;
    }

    private static String dependencies(ApplicationModule module, ApplicationModules modules) {
        String declared = declared(module, modules).stream()
                .map(d -> "`" + d + "`").sorted().collect(Collectors.joining(", "));
        return declared.isEmpty() ? "–" : declared;
    }

    private static String namedInterfaces(ApplicationModule module) {
        String named = module.getNamedInterfaces().stream().filter(NamedInterface::isNamed)
                .sorted(Comparator.comparing(NamedInterface::getName))
                .map(ni -> "`" + name(module) + " :: " + ni.getName() + "`: " + ni.asJavaClasses()
                        .filter(c -> c.getEnclosingClass().isEmpty()).map(c -> c.getSimpleName()).distinct().sorted()
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return named.isEmpty() ? "–" : named;
    }
}
