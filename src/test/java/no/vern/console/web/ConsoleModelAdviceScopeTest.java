package no.vern.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerTypePredicate;

/**
 * Issue 28 item 2: the console's model advice (navigation, user, current path) runs for every page controller and
 * for no controller of the JSON API.
 */
class ConsoleModelAdviceScopeTest {

    private static List<Class<?>> controllers() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Controller.class));
        return scanner.findCandidateComponents("no.vern").stream()
                .<Class<?>>map(d -> ClassUtils.resolveClassName(String.valueOf(d.getBeanClassName()), null))
                .filter(c -> c.getName().indexOf("Test") < 0 && !c.getName().startsWith("no.vern.bench"))
                .toList();
    }

    private static HandlerTypePredicate scope() {
        ControllerAdvice advice = AnnotationUtils.findAnnotation(ConsoleModelAdvice.class, ControllerAdvice.class);
        assertThat(advice).isNotNull();
        return HandlerTypePredicate.builder().basePackage(advice.basePackages()).build();
    }

    @Test
    void everyPageControllerGetsTheConsoleModel() {
        List<Class<?>> pages = controllers().stream()
                .filter(c -> AnnotationUtils.findAnnotation(c, ResponseBody.class) == null).toList();
        assertThat(pages).hasSizeGreaterThan(20);
        assertThat(pages).allMatch(scope(), "covered by ConsoleModelAdvice's packages");
    }

    @Test
    void noApiControllerRunsTheConsoleModel() {
        List<Class<?>> api = controllers().stream().filter(c -> c.getPackageName().endsWith(".api")).toList();
        assertThat(api).hasSizeGreaterThan(10);
        assertThat(api).noneMatch(scope());
    }
}
