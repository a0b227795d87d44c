package no.vern.shared.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Short, unique names for the document's component schemas. By simple class name, two records called
 * {@code Created} (the register's, the requests' and the breaches') were one schema, and every operation but one
 * described the wrong body. The document is built with fully qualified names ({@code springdoc.use-fqn}); this
 * gives each schema its simple name where that is unique and otherwise prefixes the enclosing class without its
 * {@code ApiController}/{@code Controller}/{@code Api} suffix ({@code SubjectsCreated}, {@code RequestsCreated}) or,
 * for a top-level class, its module ({@code BreachStatus}); names that would still clash stop the document.
 */
@SuppressWarnings({ "rawtypes", "unchecked" })
final class OpenApiSchemaNames implements GlobalOpenApiCustomizer {

    private static final String PREFIX = "#/components/schemas/";
    private static final Pattern SUFFIX = Pattern.compile("(ApiController|Controller|Api)$");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, String> names = shortNames(new ArrayList<>(openApi.getComponents().getSchemas().keySet()));
        if (names.entrySet().stream().allMatch(e -> e.getKey().equals(e.getValue()))) {
            return;
        }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<String, Schema> schemas = new TreeMap<>();
        openApi.getComponents().getSchemas().forEach((name, schema) -> {
            rename(schema, names, seen);
            schemas.put(names.getOrDefault(name, name), schema);
        });
        openApi.getComponents().setSchemas(new LinkedHashMap<>(schemas));
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(p -> {
                        rename(p.getSchema(), names, seen);
                        rename(p.getContent(), names, seen);
                    });
                }
                if (operation.getRequestBody() != null) {
                    rename(operation.getRequestBody().getContent(), names, seen);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(r -> {
                        rename(r.getContent(), names, seen);
                        if (r.getHeaders() != null) {
                            r.getHeaders().values().forEach(h -> rename(h.getSchema(), names, seen));
                        }
                    });
                }
            }));
        }
    }

    private static void rename(@Nullable Content content, Map<String, String> names, Set<Object> seen) {
        if (content != null) {
            content.values().forEach(media -> rename(media.getSchema(), names, seen));
        }
    }

    /** Points every reference below {@code schema} at the short name; each schema object is visited once. */
    private static void rename(@Nullable Schema<?> schema, Map<String, String> names, Set<Object> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        String ref = schema.get$ref();
        if (ref != null && ref.startsWith(PREFIX) && names.containsKey(ref.substring(PREFIX.length()))) {
            schema.set$ref(PREFIX + names.get(ref.substring(PREFIX.length())));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(s -> rename(s, names, seen));
        }
        if (schema.getPatternProperties() != null) {
            schema.getPatternProperties().values().forEach(s -> rename(s, names, seen));
        }
        rename(schema.getItems(), names, seen);
        rename(schema.getNot(), names, seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            rename(additional, names, seen);
        }
        for (List<Schema> list : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf(),
                schema.getPrefixItems())) {
            if (list != null) {
                list.forEach(s -> rename(s, names, seen));
            }
        }
    }

    /** Qualified name to short name, unique; a clash that the rule cannot resolve is an error. */
    static Map<String, String> shortNames(List<String> qualified) {
        Map<String, List<String>> bySimple = new TreeMap<>();
        qualified.stream().sorted(Comparator.naturalOrder())
                .forEach(q -> bySimple.computeIfAbsent(simple(q), k -> new ArrayList<>()).add(q));
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, String> taken = new TreeMap<>();
        bySimple.forEach((simple, group) -> {
            for (String q : group) {
                String name = group.size() == 1 ? simple : qualifier(q) + simple;
                String other = taken.putIfAbsent(name, q);
                if (other != null) {
                    throw new IllegalStateException("Two schemas would be called " + name + ": " + other + ", " + q);
                }
                names.put(q, name);
            }
        });
        return names;
    }

    private static String simple(String qualified) {
        String[] parts = qualified.split("[.$]");
        return parts[parts.length - 1];
    }

    /** The enclosing class without its controller suffix, or for a top-level class its module, capitalised. */
    private static String qualifier(String qualified) {
        String[] parts = qualified.split("[.$]");
        if (parts.length < 2) {
            return "";
        }
        String enclosing = parts[parts.length - 2];
        if (!enclosing.isEmpty() && Character.isUpperCase(enclosing.charAt(0))) {
            String stripped = SUFFIX.matcher(enclosing).replaceAll("");
            return stripped.isEmpty() ? enclosing : stripped;
        }
        // no.vern.<module>.<Type> or no.vern.<module>.<sub>.<Type>: the module names it.
        String module = parts.length >= 4 && parts[0].equals("no") && parts[1].equals("vern") ? parts[2] : enclosing;
        return module.substring(0, 1).toUpperCase(Locale.ROOT) + module.substring(1);
    }
}
