package no.vern.identity.internal;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers some requests itself, before Spring Security (and so its header writers) ever sees them: a
 * malformed request line, an invalid or undecodable URI. Those answers come from the host's
 * {@link ErrorReportValve}; this replaces it with one that first sets the headers every Vern page carries (the
 * page CSP with {@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY}, {@code nosniff}, no referrer, no
 * caching), where the response does not carry them already (issue 24, item 6). Like Spring Boot's valve it shows
 * neither the server version nor a report.
 */
@Component
class ContainerErrorHeaders implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // A context customizer runs after Spring Boot's, which put the plain ErrorReportValve on the host.
        factory.addContextCustomizers(context -> {
            Container host = context.getParent();
            // The host adds its own ErrorReportValve at start unless one of the class it names is there already.
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(WithHeaders.class.getName());
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof WithHeaders)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            WithHeaders valve = new WithHeaders();
            valve.setShowServerInfo(false);
            valve.setShowReport(false);
            host.getPipeline().addValve(valve);
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat's error report with Vern's page headers. */
    static final class WithHeaders extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            if (response.getStatus() >= 400 && !response.isCommitted()) {
                setIfAbsent(response, "Content-Security-Policy", SecurityConfiguration.CSP);
                setIfAbsent(response, "X-Frame-Options", "DENY");
                setIfAbsent(response, "X-Content-Type-Options", "nosniff");
                setIfAbsent(response, "Referrer-Policy", "no-referrer");
                setIfAbsent(response, "Cache-Control", "no-store");
            }
            super.report(request, response, throwable);
        }

        private static void setIfAbsent(Response response, String name, String value) {
            if (!response.containsHeader(name)) {
                response.setHeader(name, value);
            }
        }

        @Override
        public String toString() {
            return "ContainerErrorHeaders.WithHeaders";
        }
    }

}
