package no.vern.shared.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzes the reading of JSON request bodies (issue 14, item 4): the application's own {@link JsonMapper},
 * built by Spring Boot from {@code application.yml} exactly as the web layer gets it (unknown fields refused,
 * Jackson's default stream read constraints on nesting, numbers and string length, NUL refused by
 * {@link NulRefusingStrings}), reads fuzzed bytes as each request body type of the API controllers, found by
 * scanning their {@code @RequestBody} parameters. Only {@link JacksonException}s may escape, which Spring MVC
 * turns into {@code HttpMessageNotReadableException} and {@link ApiProblemHandler} into a 400 problem;
 * {@link InvalidDefinitionException} (Spring's 500 "type definition error") and anything else (NPE, stack
 * overflow, out of memory) is a finding.
 */
class JsonBodyFuzzing {

    /** Inputs tried in this JVM, printed at the end so a run reports how much it fuzzed. */
    private static final java.util.concurrent.atomic.AtomicLong EXECUTIONS = new java.util.concurrent.atomic.AtomicLong();

    private static final List<ObjectReader> READERS = readers();

    @org.junit.jupiter.api.AfterAll
    static void report() {
        System.out.println("fuzz executions of JsonBodyFuzzing: " + EXECUTIONS.get() + " over " + READERS.size()
                + " request body types");
    }

    @FuzzTest(maxDuration = "10s")
    void anyBodyIsARequestOrABadRequest(FuzzedDataProvider data) {
        check(data);
    }

    @Tag("long")
    @FuzzTest(maxDuration = "10m")
    void anyBodyIsARequestOrABadRequestLong(FuzzedDataProvider data) {
        check(data);
    }

    private static void check(FuzzedDataProvider data) {
        EXECUTIONS.incrementAndGet();
        ObjectReader reader = READERS.get(data.consumeInt(0, READERS.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        try {
            reader.readValue(body);
        } catch (InvalidDefinitionException e) {
            throw e; // Spring answers a type definition error with a 500
        } catch (JacksonException expected) {
            // a 400 problem naming the field or the position
        }
    }

    /** The mapper of the running application, and a reader for every JSON request body type of the API. */
    private static List<ObjectReader> readers() {
        JsonMapper mapper;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JsonOnly.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false).run()) {
            mapper = context.getBean(JsonMapper.class);
        }
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        List<Type> types = new ArrayList<>();
        scanner.findCandidateComponents("no.vern").stream()
                .map(bean -> String.valueOf(bean.getBeanClassName())).sorted(Comparator.naturalOrder())
                .forEach(name -> {
                    Class<?> controller = ClassUtils.resolveClassName(name, null);
                    Method[] methods = controller.getDeclaredMethods();
                    java.util.Arrays.sort(methods, Comparator.comparing(Method::toString));
                    for (Method method : methods) {
                        for (int i = 0; i < method.getParameterCount(); i++) {
                            MethodParameter parameter = new MethodParameter(method, i);
                            if (parameter.hasParameterAnnotation(RequestBody.class)
                                    && parameter.getParameterType() != byte[].class
                                    && !types.contains(parameter.getGenericParameterType())) {
                                types.add(parameter.getGenericParameterType());
                            }
                        }
                    }
                });
        if (types.size() < 20) {
            throw new IllegalStateException("expected the request body types of the API, found " + types);
        }
        return types.stream().map(t -> mapper.readerFor(mapper.constructType(t))).toList();
    }

    /** Only what builds the JSON mapper: Spring Boot's Jackson configuration and Vern's module. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(JacksonAutoConfiguration.class)
    @Import(NulRefusingStrings.class)
    static class JsonOnly {
    }
}
