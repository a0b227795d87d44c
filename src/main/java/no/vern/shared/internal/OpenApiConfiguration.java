package no.vern.shared.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import no.vern.shared.ProblemResponse;

/**
 * The OpenAPI document ({@code /v3/api-docs}) in a shape that client generators read without surprises (issue 25,
 * item 5): every enum is a named component schema (an inline enum inside a {@code uniqueItems} array gave the
 * generated Java client a type it could not compile), the bearer scheme the controllers name is declared, and every
 * operation lists the RFC 9457 problems it can answer with, derived here once from what is true of every API call
 * (the bearer filter, the scope check, the body limit, id parsing) rather than written on each method. Statuses that
 * only some operations give (409, 410, 412, 428) are declared where they happen with {@link ProblemResponse}; this
 * class gives every 4xx/5xx the problem body. The operation ids are written on each operation ({@code @Operation(operationId
 * = …)}): they are the generated clients' method names, so they must not change when another endpoint is added.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    /** The document's frame: title, the bearer scheme, the problem schema, a server relative to where it is read. */
    @Bean
    OpenAPI vernOpenApi() {
        // Enums as named component schemas (springdoc's documented switch; the swagger-core resolver reads it).
        ModelResolver.enumsAsRef = true;
        return new OpenAPI()
                .info(new Info().title("Vern API").version("v1")
                        .description("Privacy operations: the register, consent, requests, breaches and the record of "
                                + "processing for the company's other systems. Bearer tokens with scopes; failures are "
                                + "RFC 9457 problem details (application/problem+json)."))
                // Relative, so the document is the same on every host and port (and in the committed copy).
                .servers(List.of(new Server().url("/").description("This Vern")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token issued in the console or by POST /api/v1/tokens"))
                        .addSchemas(PROBLEM, problemSchema())
                        .addSchemas("ProblemFieldError", new ObjectSchema()
                                .description("One rejected field: its name and why, never its value.")
                                .addProperty("field", new StringSchema()).addProperty("message", new StringSchema())));
    }

    /** Adds the problem responses each operation can give, from what holds for every call to it. */
    @Bean
    GlobalOperationCustomizer openApiProblemResponses() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            boolean hasBody = operation.getRequestBody() != null;
            boolean hasParameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
            boolean hasPathVariable = operation.getParameters() != null
                    && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
            Map<String, String> statuses = new TreeMap<>();
            if (hasBody || hasParameters) {
                statuses.put("400", "Invalid input: a malformed body, a missing or malformed parameter or a rejected "
                        + "field (type urn:vern:problem:invalid-input lists the fields in errors).");
            }
            statuses.put("401", "No bearer token, or one that is unknown, expired or revoked.");
            if (needsScope(handler)) {
                statuses.put("403", "The token's scopes do not allow this operation.");
            }
            if (hasPathVariable) {
                statuses.put("404", "No such resource.");
            }
            if (hasBody) {
                statuses.put("413", "The request body is larger than the API accepts.");
            }
            statuses.put("429", "Too many invalid bearer tokens from this address; retry after Retry-After seconds.");
            statuses.put("503", "The database is not reachable, or the connection broke while the change was saved (the detail says which, and"
                + " whether the change may have been saved). Retry after Retry-After seconds.");
            for (ProblemResponse declared : AnnotatedElementUtils.findMergedRepeatableAnnotations(handler.getMethod(),
                    ProblemResponse.class)) {
                statuses.put(String.valueOf(declared.status()), declared.description());
            }
            statuses.forEach((status, description) -> {
                if (!responses.containsKey(status)) {
                    responses.addApiResponse(status, new ApiResponse().description(description));
                }
            });
            // Every 4xx/5xx (also those declared on the method with @ApiResponse) is a problem detail.
            Map<String, ApiResponse> sorted = new LinkedHashMap<>();
            new TreeMap<>(responses).forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(new Content().addMediaType(MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            new io.swagger.v3.oas.models.media.MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
                }
                sorted.put(status, response);
            });
            responses.clear();
            responses.putAll(sorted);
            operation.setResponses(responses);
            return operation;
        };
    }

    /** Short unique schema names in place of the qualified ones the document is built with. */
    @Bean
    GlobalOpenApiCustomizer openApiSchemaNames() {
        return new OpenApiSchemaNames();
    }

    /**
     * Checks the document as a whole: two operations with one id would make generators rename one of them
     * ({@code list_1}); fail the document instead of serving a silently different client.
     */
    @Bean
    GlobalOpenApiCustomizer openApiUniqueOperationIds() {
        return openApi -> {
            Map<String, String> seen = new TreeMap<>();
            List<String> duplicates = new ArrayList<>();
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> operations(item).forEach((method, operation) -> {
                String id = operation.getOperationId();
                String where = method + " " + path;
                if (id != null && seen.putIfAbsent(id, where) != null) {
                    duplicates.add(id + " (" + seen.get(id) + ", " + where + ")");
                }
            }));
            if (!duplicates.isEmpty()) {
                throw new IllegalStateException("Operation ids used twice: " + duplicates);
            }
        };
    }

    private static Map<HttpMethod, Operation> operations(PathItem item) {
        Map<HttpMethod, Operation> map = new LinkedHashMap<>();
        put(map, HttpMethod.GET, item.getGet());
        put(map, HttpMethod.POST, item.getPost());
        put(map, HttpMethod.PUT, item.getPut());
        put(map, HttpMethod.PATCH, item.getPatch());
        put(map, HttpMethod.DELETE, item.getDelete());
        return map;
    }

    private static void put(Map<HttpMethod, Operation> map, HttpMethod method, @Nullable Operation operation) {
        if (operation != null) {
            map.put(method, operation);
        }
    }

    /** True when the method's authorisation names a scope or role (403 possible), not only a signed-in caller. */
    private static boolean needsScope(HandlerMethod handler) {
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), PreAuthorize.class);
        }
        return rule == null || !rule.value().strip().equals("isAuthenticated()");
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema<?> problemSchema() {
        Schema errors = new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ProblemFieldError"))
                .description("For invalid input: each rejected field and why.");
        return new ObjectSchema()
                .description("An RFC 9457 problem detail. Vern's types are stable URNs (urn:vern:problem:…); details "
                        + "name fields and opaque ids only, never personal data. Further members may be present.")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("requestId", new StringSchema().description("Quote it when reporting a failure."))
                .addProperty("errors", errors);
    }
}
