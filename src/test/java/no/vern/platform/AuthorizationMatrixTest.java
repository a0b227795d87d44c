package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.identity.Role;
import no.vern.identity.StaffAccounts;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.shared.SubjectId;
import no.vern.support.SessionCookies;
import no.vern.support.VernTest;

/**
 * Rule 6: every endpoint × every role, API scope and anonymous, with the expected outcome written
 * down in {@code src/test/resources/authz/*.csv} (one file per module). An endpoint of the running
 * application without a row fails the build, and so does a row for an endpoint that no longer exists.
 *
 * <p>Row format: {@code METHOD /pattern | principal=expect …} with principal {@code anonymous}, a role
 * name or {@code scope:<value>}, and expect {@code ok} (anything but 401/403/redirect to login),
 * {@code 401}, {@code 403} or {@code login}; {@code everyone=x} sets every principal, {@code staff=x} every
 * role (later tokens of the row override). Unlisted principals: anonymous → 401 on /api, login
 * elsewhere; roles on /api → 401; everything else → 403. Optional {@code path=/concrete/path}.
 */
@VernTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final Pattern ROW = Pattern.compile("^(GET|POST|PUT|PATCH|DELETE)\\s+(\\S+)\\s*\\|(.*)$");
    private static final Set<String> INFRASTRUCTURE = Set.of("/error", "/v3/api-docs", "/v3/api-docs.yaml",
            "/v3/api-docs/swagger-config", "/v3/api-docs/{group}", "/swagger-ui.html", "/swagger-ui/index.html");
    private static final String PASSWORD = "matrise-passord-2026";
    /** Principals checked at the same time (each on its own thread, one request at a time). */
    private static final int PARALLEL_PRINCIPALS = 3;
    private static final Pattern POST_FORM = Pattern.compile("<form\\b[^>]*method=\"post\"[^>]*>(.*?)</form>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;
    @Autowired
    StaffAccounts accounts;
    @Autowired
    ApiTokens tokens;
    @Autowired
    SubjectRegister register;
    @Autowired
    ConsentLedger consents;

    private final Map<Role, Cookie> sessions = new EnumMap<>(Role.class);
    private final Map<ApiScope, String> bearers = new EnumMap<>(ApiScope.class);
    private final Map<String, Row> rows = new LinkedHashMap<>();

    record Row(String source, String method, String pattern, String path, Map<String, String> expected) {
    }

    @BeforeAll
    void setUp() throws Exception {
        for (Role role : Role.values()) {
            String username = "matrise-" + role.name().toLowerCase().replace('_', '-');
            accounts.create(username, PASSWORD, Set.of(role));
            Cookie session = SessionCookies.from(mvc.perform(post("/login").param("username", username)
                    .param("password", PASSWORD).with(csrf()).with(r -> {
                        r.setRemoteAddr("10.77.0." + role.ordinal());
                        return r;
                    })).andReturn().getResponse());
            sessions.put(role, session);
        }
        for (ApiScope scope : ApiScope.values()) {
            bearers.put(scope, "Bearer " + tokens.issue("matrix " + scope.value(), Set.of(scope), null).secret());
        }
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (Resource resource : resolver.getResources("classpath*:authz/*.csv")) {
            try (InputStream in = resource.getInputStream()) {
                parse(resource.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void everyEndpointHasARowInTheMatrix() {
        Set<String> missing = new TreeSet<>(endpoints());
        missing.removeAll(rows.keySet());
        assertThat(missing).as("endpoints without a row in src/test/resources/authz/*.csv").isEmpty();
    }

    @Test
    void everyRowNamesAnExistingEndpoint() {
        Set<String> stale = new TreeSet<>(rows.keySet());
        stale.removeAll(endpoints());
        assertThat(stale).as("rows for endpoints that do not exist").isEmpty();
    }

    /** HTML pages that rendered during the matrix run without the headers or CSRF fields every page needs. */
    private final Set<String> pageDefects = Collections.synchronizedSet(new TreeSet<>());
    private final AtomicInteger pagesChecked = new AtomicInteger();

    /**
     * Every row for every principal. Each principal goes through the rows in their order on a thread of its own
     * (a few at a time: most of a request's time is spent waiting for PostgreSQL, so the second core is otherwise
     * idle); one principal's session or token is never used by two requests at once, and the outcome of a check
     * depends only on the principal and the endpoint, so the outcomes are the same as one after another.
     */
    @Test
    void everyPrincipalGetsTheExpectedOutcomeOnEveryEndpoint() throws Exception {
        Map<String, Principal> principals = new LinkedHashMap<>();
        principals.put("anonymous", new Principal(null, null));
        for (Role role : Role.values()) {
            principals.put(role.name(), new Principal(sessions.get(role), null));
        }
        for (ApiScope scope : ApiScope.values()) {
            principals.put("scope:" + scope.value(), new Principal(null, bearers.get(scope)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PRINCIPALS);
        List<String> mismatches = new ArrayList<>();
        try {
            Map<String, Future<List<String>>> runs = new LinkedHashMap<>();
            principals.forEach((name, principal) -> runs.put(name, pool.submit(() -> {
                List<String> found = new ArrayList<>();
                for (Row row : rows.values()) {
                    check(row, name, principal.session(), principal.bearer(), found);
                }
                return found;
            })));
            for (Future<List<String>> run : runs.values()) {
                mismatches.addAll(run.get(10, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
        org.slf4j.LoggerFactory.getLogger(AuthorizationMatrixTest.class).info(
                "Authorization matrix: {} endpoints x {} principals = {} checks; {} HTML pages checked for headers and CSRF",
                rows.size(), principals.size(), rows.size() * principals.size(), pagesChecked.get());
        assertThat(mismatches).as("principal × endpoint outcomes that differ from the matrix").isEmpty();
        // Issue 14, item 6: every page any principal can open has a strict CSP, no-store, nosniff and
        // framing denied, and every POST form on it carries a CSRF token.
        assertThat(pagesChecked.get()).as("HTML pages rendered during the matrix run").isGreaterThan(20);
        assertThat(pageDefects).as("pages without the security headers or with a form without CSRF").isEmpty();
    }

    /** A principal of the matrix: a console session, an API token, or neither (anonymous). */
    private record Principal(@Nullable Cookie session, @Nullable String bearer) {
    }

    // Purpose cells (issue 24): the register's role × purpose × category matrix, console and API alike, written
    // down in src/test/resources/authz-purposes/*.csv. Every role has a cell in every row.

    private static final Pattern PURPOSE_ROW = Pattern.compile("^(READ|WRITE)\\s+(\\S+)(?:\\s+(\\S+))?\\s*\\|(.*)$");
    private static final String BANK_ACCOUNT = "86011117947";

    @Test
    void everyRoleGetsTheExpectedOutcomeInEveryPurposeCell() throws Exception {
        SecurityContextHolder.clearContext(); // the fixture is stored by the system
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, new PersonalData("Kari Kunde", null, null, null,
                        "Lisens 2026", BANK_ACCOUNT, null, null)));
        consents.give(GiveConsent.of(subject, "events", Channel.WEB_FORM, Locale.ENGLISH));
        register.update(subject, register.summary(subject).version(), new SubjectUpdate("events", Source.EVENT_FORM,
                null, null, PersonalData.contact("Kari Kunde", null, null)));

        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (Resource resource : resolver.getResources("classpath*:authz-purposes/*.csv")) {
            String text;
            try (InputStream in = resource.getInputStream()) {
                text = read(in);
            }
            for (String line : text.split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                Matcher m = PURPOSE_ROW.matcher(trimmed);
                if (!m.matches() || m.group(1).equals("WRITE") == (m.group(3) == null)) {
                    throw new IllegalArgumentException(resource.getFilename() + ": cannot read row '" + trimmed + "'");
                }
                Map<String, String> expected = new LinkedHashMap<>();
                for (String token : m.group(4).strip().split("\\s+")) {
                    String[] kv = token.split("=", 2);
                    if (kv.length != 2 || !Set.of("ok", "403", "404").contains(kv[1])) {
                        throw new IllegalArgumentException(resource.getFilename() + ": bad expectation '" + token + "'");
                    }
                    expected.put(kv[0], kv[1]);
                }
                for (Role role : Role.values()) {
                    assertThat(expected).as("every role has a cell in '" + trimmed + "'").containsKey(role.name());
                }
                for (Map.Entry<String, String> cell : expected.entrySet()) {
                    String actual = m.group(1).equals("READ") ? read(subject, m.group(2), cell.getKey())
                            : write(subject, m.group(2), m.group(3), cell.getKey());
                    cells++;
                    if (!actual.equals(cell.getValue())) {
                        mismatches.add(trimmed.substring(0, trimmed.indexOf('|')).strip() + " as " + cell.getKey()
                                + ": expected " + cell.getValue() + " but was " + actual);
                    }
                }
            }
        }
        assertThat(cells).as("purpose cells checked").isGreaterThan(30);
        assertThat(mismatches).as("role × purpose × category outcomes that differ from the matrix").isEmpty();
        SecurityContextHolder.clearContext();
        // Refused writes changed nothing: the bank account and purchase history are what the fixture stored.
        assertThat(register.read(subject, "customer-administration").value("bank-information")).contains(BANK_ACCOUNT);
        assertThat(register.read(subject, "customer-administration").value("purchase-history")).contains("Lisens 2026");
    }

    private String read(SubjectId subject, String purpose, String principal) throws Exception {
        MockHttpServletRequestBuilder request;
        if (principal.startsWith("scope:")) {
            request = request(HttpMethod.GET, "/api/v1/subjects/" + subject + "/records")
                    .header("Authorization", bearers.get(scope(principal))).header("Vern-Purpose", purpose);
        } else {
            request = request(HttpMethod.GET, "/console/register/subjects/" + subject).param("purpose", purpose)
                    .cookie(sessions.get(Role.valueOf(principal)));
        }
        return outcome(mvc.perform(request.with(r -> {
            r.setRemoteAddr("10.78.0.2");
            return r;
        })).andReturn().getResponse(), false);
    }

    private String write(SubjectId subject, String purpose, String category, String principal) throws Exception {
        SecurityContextHolder.clearContext();
        long version = register.summary(subject).version();
        String value = switch (category) {
            case "bank-information" -> BANK_ACCOUNT;
            case "purchase-history" -> "Lisens 2026";
            case "name" -> "Kari Kunde";
            default -> throw new IllegalArgumentException("no test value for category " + category);
        };
        String field = switch (category) {
            case "bank-information" -> "bankAccount";
            case "purchase-history" -> "purchaseHistory";
            default -> category;
        };
        MockHttpServletRequestBuilder request;
        if (principal.startsWith("scope:")) {
            request = request(HttpMethod.PATCH, "/api/v1/subjects/" + subject)
                    .header("Authorization", bearers.get(scope(principal))).header("If-Match", "\"" + version + "\"")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"purpose\":\"" + purpose + "\",\"" + field + "\":\"" + value + "\"}");
        } else {
            request = request(HttpMethod.POST, "/console/register/subjects/" + subject).with(csrf())
                    .cookie(sessions.get(Role.valueOf(principal))).param("purpose", purpose)
                    .param("version", Long.toString(version)).param("source", "CUSTOMER").param(field, value);
        }
        return outcome(mvc.perform(request.with(r -> {
            r.setRemoteAddr("10.78.0.2");
            return r;
        })).andReturn().getResponse(), true);
    }

    private static ApiScope scope(String principal) {
        String value = principal.substring("scope:".length());
        for (ApiScope scope : ApiScope.values()) {
            if (scope.value().equals(value)) {
                return scope;
            }
        }
        throw new IllegalArgumentException("unknown scope " + value);
    }

    /** ok only when the read was shown or the write saved (a form shown again with errors is not ok). */
    private static String outcome(MockHttpServletResponse response, boolean write) {
        int status = response.getStatus();
        if (status == 403 || status == 404) {
            return Integer.toString(status);
        }
        String location = response.getRedirectedUrl();
        boolean saved = status == 204 || (status == 302 || status == 303) && location != null
                && location.contains("/console/register/subjects/");
        boolean shown = status == 200;
        return (write ? saved : shown) ? "ok" : "status " + status;
    }

    private void checkPage(Row row, String principal, MockHttpServletResponse response) throws Exception {
        String type = response.getContentType();
        if (response.getStatus() != 200 || type == null || !type.startsWith("text/html")) {
            return;
        }
        pagesChecked.incrementAndGet();
        String where = row.method() + " " + row.pattern() + " as " + principal + ": ";
        String csp = response.getHeader("Content-Security-Policy");
        if (csp == null || !csp.contains("default-src 'self'") || csp.contains("unsafe-inline")) {
            pageDefects.add(where + "CSP " + csp);
        }
        String cache = response.getHeader("Cache-Control");
        if (cache == null || !cache.contains("no-store")) {
            pageDefects.add(where + "Cache-Control " + cache);
        }
        if (!"nosniff".equals(response.getHeader("X-Content-Type-Options"))) {
            pageDefects.add(where + "no nosniff");
        }
        String body = response.getContentAsString();
        Matcher forms = POST_FORM.matcher(body);
        while (forms.find()) {
            if (!forms.group(1).contains("name=\"_csrf\"")) {
                pageDefects.add(where + "POST form without CSRF token");
            }
        }
    }

    private void check(Row row, String principal, Cookie session, String bearer, List<String> mismatches)
            throws Exception {
        String expected = row.expected().getOrDefault(principal, defaultFor(row, principal));
        MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(row.method()), row.path())
                .with(r -> {
                    r.setRemoteAddr("10.78.0.1");
                    return r;
                });
        if (session != null) {
            request.cookie(session);
        }
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        if (!row.method().equals("GET")) {
            request.with(csrf());
            if (row.path().startsWith("/api/")) {
                request.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
        }
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        if (row.method().equals("GET")) {
            checkPage(row, principal, response);
        }
        String actual = classify(response);
        if (!actual.equals(expected)) {
            mismatches.add(row.method() + " " + row.pattern() + " as " + principal + ": expected " + expected
                    + " but was " + actual + " (" + response.getStatus() + ", " + row.source() + ")");
        }
    }

    private static String classify(MockHttpServletResponse response) {
        int status = response.getStatus();
        if (status == 401) {
            return "401";
        }
        if (status == 403) {
            return "403";
        }
        String location = response.getRedirectedUrl();
        if ((status == 302 || status == 303) && location != null && location.replaceAll("^https?://[^/]+", "").equals("/login")) {
            return "login";
        }
        return "ok";
    }

    private static String defaultFor(Row row, String principal) {
        boolean api = row.path().startsWith("/api/");
        if (principal.equals("anonymous")) {
            return api ? "401" : "login";
        }
        if (api && !principal.startsWith("scope:")) {
            return "401";
        }
        return "403";
    }

    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (INFRASTRUCTURE.contains(pattern)) {
                        continue;
                    }
                    if (methods.isEmpty()) {
                        endpoints.add("GET " + pattern);
                    }
                    methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
                }
            }
        }
        return endpoints;
    }

    private void parse(String source, String text) {
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher m = ROW.matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalArgumentException(source + ": cannot read row '" + trimmed + "'");
            }
            Map<String, String> expected = new LinkedHashMap<>();
            String path = concrete(m.group(2));
            for (String token : m.group(3).strip().split("\\s+")) {
                if (token.isEmpty()) {
                    continue;
                }
                String[] kv = token.split("=", 2);
                if (kv.length != 2 || !Set.of("ok", "401", "403", "login").contains(kv[1]) && !kv[0].equals("path")) {
                    throw new IllegalArgumentException(source + ": bad expectation '" + token + "'");
                }
                if (kv[0].equals("path")) {
                    path = kv[1];
                } else if (kv[0].equals("everyone")) {
                    expected.put("anonymous", kv[1]);
                    expectAllStaff(expected, kv[1]);
                    for (ApiScope scope : ApiScope.values()) {
                        expected.put("scope:" + scope.value(), kv[1]);
                    }
                } else if (kv[0].equals("staff")) {
                    expectAllStaff(expected, kv[1]);
                } else {
                    expected.put(kv[0], kv[1]);
                }
            }
            String key = m.group(1) + " " + m.group(2);
            if (rows.put(key, new Row(source, m.group(1), m.group(2), path, expected)) != null) {
                throw new IllegalArgumentException(source + ": duplicate row for " + key);
            }
        }
    }

    private static void expectAllStaff(Map<String, String> expected, String outcome) {
        for (Role role : Role.values()) {
            expected.put(role.name(), outcome);
        }
    }

    private static String concrete(String pattern) {
        String path = pattern.replaceAll("\\{[^}]*[iI]d}", UUID.randomUUID().toString())
                .replaceAll("\\{version}", "1").replaceAll("\\{\\*\\*?[^}]*}", "x").replaceAll("\\{[^}]+}", "x");
        return path.replace("/**", "/x");
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
