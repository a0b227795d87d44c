package no.vern.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import no.vern.support.VernTest;

/**
 * Rule 1: no personal data in URLs. A URL is kept by browser history, proxies, access logs and referrers,
 * so no endpoint that answers GET, HEAD or DELETE (no body) may take a parameter or path variable that
 * carries an email, phone, name, bank account, address or a free-text search that accepts them. Lookups
 * are POSTs with the value in the body ({@code /api/v1/subjects/search}, {@code /api/v1/consents/check},
 * the console's register search).
 */
@VernTest
class PersonalDataInUrlTest {

    /** Parameter names that carry personal data or a search term that may be one. */
    private static final Set<String> PERSONAL = Set.of("email", "epost", "e-post", "phone", "mobile", "telefon",
            "name", "navn", "fullname", "iban", "bankaccount", "account", "address", "adresse", "birthdate",
            "ssn", "nationalid", "fodselsnummer", "q", "query", "search", "term");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noEndpointWithoutABodyTakesPersonalDataInItsUrl() {
        List<String> offenders = new ArrayList<>();
        int checked = 0;
        for (var entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            boolean bodiless = methods.isEmpty() || methods.contains(RequestMethod.GET)
                    || methods.contains(RequestMethod.HEAD) || methods.contains(RequestMethod.DELETE);
            if (!bodiless) {
                continue;
            }
            for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
                checked++;
                String name = urlName(parameter);
                if (name != null && PERSONAL.contains(name.toLowerCase(Locale.ROOT))) {
                    offenders.add(methods + " " + info.getPatternValues() + " takes '" + name + "' in the URL");
                }
            }
        }
        assertThat(checked).as("handler parameters inspected").isGreaterThan(100);
        assertThat(offenders).isEmpty();
    }

    /** The name a parameter has in the URL (query parameter or path variable), or null if it is not from the URL. */
    private static String urlName(MethodParameter parameter) {
        parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null) {
            return !param.name().isEmpty() ? param.name() : parameter.getParameterName();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null) {
            return !path.name().isEmpty() ? path.name() : parameter.getParameterName();
        }
        return null;
    }
}
