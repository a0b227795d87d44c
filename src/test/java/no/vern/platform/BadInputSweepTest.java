package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.support.VernTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rule 2 and issue 14, item 4 ("bad input"): every POST/PUT/PATCH endpoint under {@code /api/} of the
 * running application, found in its handler mappings (so a new endpoint is swept without anyone adding
 * it here), gets malformed JSON, 10,000 levels of nesting, invalid UTF-8, a wrong content type, an
 * oversized body, SQL and HTML injection and a null byte in every text field of an otherwise well-formed
 * body, and binary garbage for the raw (CSV, file) bodies. Each case must answer 4xx with an RFC 9457
 * problem ({@code application/problem+json}, a non-empty {@code detail}, no stack trace, no injected
 * markup echoed), never 5xx, and leave every non-audit table as it was (audit entries for refused
 * requests may be appended). Injection in an otherwise valid body may succeed only as stored data: then
 * no table has gone or lost rows.
 *
 * <p>The requests carry a token with every API scope, so the authorisation check passes and the body
 * reaches the handler. The context is thrown away afterwards, since the injection cases may store data.
 */
@VernTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputSweepTest {

    private static final List<String> INJECTIONS = List.of("'; DROP TABLE register_subject; --", "' OR '1'='1",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "null\u0000byte");
    /** Variants whose only acceptable answer is a 4xx problem. */
    private static final Set<String> MUST_REFUSE = Set.of("malformed-json", "deeply-nested-array", "deeply-nested-object",
            "deeply-nested-field", "invalid-utf8", "text/plain", "application/xml", "oversized");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    ApiTokens tokens;
    @Autowired
    JsonMapper json;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;
    @Value("${vern.api.max-body-bytes}")
    long maxBody;
    @Value("${vern.api.bulk-max-body-bytes:8388608}")
    long bulkMaxBody;
    @Value("${vern.api.bulk-paths:/api/v1/eligibility}")
    List<String> bulkPaths;

    private String bearer;
    private final AtomicInteger cases = new AtomicInteger();
    private final Set<String> endpoints = new TreeSet<>();
    private final Map<String, Integer> answers = new TreeMap<>();
    private final Set<String> accepted = new TreeSet<>();

    /** One handler: method, concrete path, what it consumes and the type of its body (null: none). */
    record Endpoint(String method, String pattern, String path, Set<MediaType> consumes, Class<?> body) {

        boolean rawBody() {
            return body == byte[].class || body == Void.class;
        }

        String name() {
            return method + " " + pattern + (consumes.isEmpty() ? "" : " " + consumes);
        }
    }

    /** A request variant: a name, content type and body. */
    record Variant(String name, String contentType, byte[] body) {
    }

    @TestFactory
    Stream<DynamicTest> everyWriteEndpointRefusesBadInputWithAProblemAndChangesNothing() throws Exception {
        bearer = "Bearer " + tokens.issue("bad input sweep", EnumSet.allOf(ApiScope.class), null).secret();
        List<Endpoint> found = writeEndpoints();
        assertThat(found).as("POST/PUT/PATCH endpoints under /api/").hasSizeGreaterThan(30);
        Map<String, Set<MediaType>> consumedByPath = new LinkedHashMap<>();
        found.forEach(e -> consumedByPath.computeIfAbsent(e.method() + " " + e.pattern(), k -> new java.util.HashSet<>())
                .addAll(e.consumes()));
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : found) {
            for (Variant variant : variants(endpoint, consumedByPath.get(endpoint.method() + " " + endpoint.pattern()))) {
                tests.add(DynamicTest.dynamicTest(endpoint.name() + " × " + variant.name(), () -> check(endpoint, variant)));
            }
        }
        return tests.stream();
    }

    @AfterAll
    void report() {
        System.out.println("bad input sweep: " + endpoints.size() + " endpoints, " + cases.get() + " endpoint × variant cases; "
                + "answers " + answers + "; accepted as data: " + accepted);
    }

    private void check(Endpoint endpoint, Variant variant) throws Exception {
        cases.incrementAndGet();
        endpoints.add(endpoint.name());
        Map<String, Long> before = fingerprint();
        // Raw (CSV) bodies get a known purpose, so that the body itself is read, not refused for a missing purpose.
        String path = endpoint.rawBody() ? endpoint.path() + "?purpose=customer-administration" : endpoint.path();
        MockHttpServletRequestBuilder builder = request(HttpMethod.valueOf(endpoint.method()), path)
                .header("Authorization", bearer).with(csrf()).with(r -> {
                    r.setRemoteAddr("10.79.0.1");
                    return r;
                }).content(variant.body());
        if (variant.contentType() != null) {
            builder.contentType(variant.contentType());
        }
        MockHttpServletResponse response = mvc.perform(builder).andReturn().getResponse();
        int status = response.getStatus();
        answers.merge(variant.name() + "→" + status, 1, Integer::sum);
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        String where = endpoint.name() + " × " + variant.name() + " answered " + status + " " + response.getContentType();
        assertThat(status).as(where + ": never a server error").isBetween(200, 499);
        assertThat(String.valueOf(response.getContentType())).as(where + ": never HTML").doesNotContain("html");
        assertThat(body).as(where + ": no stack trace").doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("at no.vern.").doesNotContain("at java.");
        if (status >= 400) {
            assertThat(response.getContentType()).as(where).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            Object detail = json.readValue(body, Map.class).get("detail");
            assertThat(detail).as(where + ": detail").isInstanceOf(String.class);
            assertThat(((String) detail).strip()).as(where + ": detail").isNotEmpty();
            assertThat(body.toLowerCase()).as(where + ": injected markup is not echoed").doesNotContain("<script")
                    .doesNotContain("<img").doesNotContain("onerror=");
            assertThat(fingerprint()).as(where + ": rows of every non-audit table unchanged").isEqualTo(before);
        } else {
            accepted.add(endpoint.name() + " × " + variant.name() + " → " + status);
            assertThat(MUST_REFUSE).as(where + ": must be refused with a 4xx problem").doesNotContain(variant.name());
            Map<String, Long> after = fingerprint();
            assertThat(after.keySet()).as(where + ": no table dropped").isEqualTo(before.keySet());
            before.forEach((table, rows) -> assertThat(after.get(table)).as(where + ": rows of " + table).isGreaterThanOrEqualTo(rows));
        }
    }

    private List<Variant> variants(Endpoint endpoint, Set<MediaType> consumedAtPath) throws Exception {
        List<Variant> variants = new ArrayList<>();
        long limit = bulkPaths.contains(endpoint.path()) ? bulkMaxBody : maxBody;
        String type = endpoint.consumes().isEmpty() ? MediaType.APPLICATION_JSON_VALUE
                : endpoint.consumes().iterator().next().toString();
        byte[] oversized = new byte[(int) limit + 1];
        java.util.Arrays.fill(oversized, (byte) ' ');
        oversized[0] = '[';
        oversized[oversized.length - 1] = ']';
        variants.add(new Variant("oversized", type, oversized));
        if (endpoint.body() == null) {
            return variants; // no body is read: only the size limit applies
        }
        if (endpoint.rawBody() || !isJson(endpoint)) {
            byte[] garbage = new byte[4096];
            new Random(14).nextBytes(garbage);
            variants.add(new Variant("binary-garbage", type, garbage));
            variants.add(new Variant("invalid-utf8-csv", type,
                    concat("email,name\nkari@example.com,Kari".getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF, '\n' })));
            return variants;
        }
        variants.add(new Variant("malformed-json", type, "{\"a\": [1, 2,, }".getBytes(StandardCharsets.UTF_8)));
        variants.add(new Variant("deeply-nested-array", type, ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8)));
        variants.add(new Variant("deeply-nested-object", type, ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8)));
        String first = firstField(endpoint.body());
        variants.add(new Variant("deeply-nested-field", type,
                ("{\"" + first + "\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}").getBytes(StandardCharsets.UTF_8)));
        variants.add(new Variant("invalid-utf8", type, concat(("{\"" + first + "\":\"").getBytes(StandardCharsets.UTF_8),
                new byte[] { (byte) 0xC3, 0x28, (byte) 0xFF }, "\"}".getBytes(StandardCharsets.UTF_8))));
        for (String wrong : List.of(MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_XML_VALUE)) {
            if (consumedAtPath.stream().noneMatch(m -> m.includes(MediaType.parseMediaType(wrong)))) {
                variants.add(new Variant(wrong, wrong, "<a>text</a>".getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (String injection : INJECTIONS) {
            String shown = injection.replace("\u0000", "\\u0000");
            variants.add(new Variant("injection " + shown, type, json.writeValueAsBytes(sample(endpoint.body(), injection, 0, null))));
            // The same with valid values in the fields that are checked first, so the injection reaches the free text.
            variants.add(new Variant("injection in free text " + shown, type,
                    json.writeValueAsBytes(sample(endpoint.body(), injection, 0, ""))));
        }
        return variants;
    }

    private static boolean isJson(Endpoint endpoint) {
        return endpoint.consumes().isEmpty() || endpoint.consumes().stream().anyMatch(m -> m.isCompatibleWith(MediaType.APPLICATION_JSON));
    }

    private static String firstField(Class<?> type) {
        return type.isRecord() && type.getRecordComponents().length > 0 ? type.getRecordComponents()[0].getName() : "a";
    }

    /** Valid values for text fields that are checked before anything is stored (keys, addresses, codes). */
    private static final Map<String, String> VALID = Map.ofEntries(Map.entry("purpose", "customer-administration"),
            Map.entry("email", "sweep@example.com"), Map.entry("ownerEmail", "owner@example.com"), Map.entry("language", "nb"),
            Map.entry("type", "MANUAL"), Map.entry("config", "instructions: ring kundeservice"),
            Map.entry("username", "sweep-user"), Map.entry("password", "et-langt-nok-passord-2026"),
            Map.entry("phone", "+4791234567"), Map.entry("subjectId", UUID.randomUUID().toString()),
            Map.entry("scopes", "subjects:read"), Map.entry("how", "ID_DOCUMENT"), Map.entry("assignee", "sweep-user"));

    /**
     * An otherwise plausible body of the given type with the injection in every text field, or, when
     * {@code field} is not null, only in the text fields without a known valid value.
     */
    private static Object sample(Type type, String injection, int depth, String field) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class || raw == Object.class || raw == CharSequence.class) {
            return field != null && VALID.containsKey(field) ? VALID.get(field) : injection;
        }
        if (raw.isEnum()) {
            return ((Enum<?>) raw.getEnumConstants()[0]).name();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return false;
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class || raw == short.class
                || raw == Short.class) {
            return 1;
        }
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                || raw == java.math.BigDecimal.class) {
            return 1.5;
        }
        if (raw == UUID.class) {
            return UUID.randomUUID().toString();
        }
        if (raw == Instant.class || raw == OffsetDateTime.class || raw == java.time.ZonedDateTime.class) {
            return "2026-01-15T10:00:00Z";
        }
        if (raw == LocalDate.class) {
            return "2026-01-15";
        }
        if (raw == java.time.Duration.class) {
            return "P30D";
        }
        if (raw == java.time.Period.class) {
            return "P1Y";
        }
        if (raw == java.net.URI.class) {
            return "https://example.com/" + injection;
        }
        if (raw.isArray()) {
            return List.of(sample(raw.getComponentType(), injection, depth + 1, field));
        }
        if (Collection.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
            return depth > 6 ? List.of() : List.of(sample(element, injection, depth + 1, field));
        }
        if (Map.class.isAssignableFrom(raw)) {
            Type value = type instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : String.class;
            return depth > 6 ? Map.of() : Map.of("nb", sample(value, injection, depth + 1, field));
        }
        if (raw.isRecord() && depth <= 6) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                fields.put(component.getName(), sample(component.getGenericType(), injection, depth + 1,
                        field == null ? null : component.getName()));
            }
            return fields;
        }
        return injection;
    }

    private List<Endpoint> writeEndpoints() {
        List<Endpoint> found = new ArrayList<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                RequestMappingInfo info = entry.getKey();
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (!pattern.startsWith("/api/")) {
                        continue;
                    }
                    for (RequestMethod method : methods) {
                        if (method == RequestMethod.POST || method == RequestMethod.PUT || method == RequestMethod.PATCH) {
                            found.add(new Endpoint(method.name(), pattern, concrete(pattern),
                                    info.getConsumesCondition().getConsumableMediaTypes(), bodyType(entry.getValue())));
                        }
                    }
                }
            }
        }
        found.sort(java.util.Comparator.comparing(Endpoint::name));
        return found;
    }

    /** The type of the request body: the {@code @RequestBody} parameter, Void for a raw stream or part, null for none. */
    private static Class<?> bodyType(HandlerMethod handler) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return parameter.getParameterType();
            }
            Class<?> type = parameter.getParameterType();
            if (type == jakarta.servlet.http.HttpServletRequest.class || type == java.io.InputStream.class
                    || type == org.springframework.web.multipart.MultipartFile.class) {
                return Void.class;
            }
        }
        return null;
    }

    private static String concrete(String pattern) {
        return pattern.replaceAll("\\{[^}]*[iI]d}", UUID.randomUUID().toString()).replaceAll("\\{[^}]+}", "x");
    }

    /** Rows per table of every schema (as the owner), leaving out the audit log, which may record refusals. */
    private Map<String, Long> fingerprint() {
        JdbcClient jdbc = JdbcClient.create(owner);
        List<String> tables = jdbc.sql("""
                SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables
                WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
                  AND table_name NOT LIKE 'audit%' ORDER BY 1
                """).query(String.class).list();
        String union = tables.stream().map(t -> "SELECT '" + t.replace("'", "''") + "' AS t, count(*) AS n FROM " + t)
                .collect(Collectors.joining(" UNION ALL "));
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql(union).query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Stream.of(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
