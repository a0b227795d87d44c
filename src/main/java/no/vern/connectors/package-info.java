/**
 * Connectors (issue 9; S24, S26; GDPR Art. 15(1) "all data", Art. 19 recipients): the registry of the other
 * systems that hold personal data (JDBC databases, webhook systems, systems handled by a person) and the
 * durable per-system steps through which a request case finds, exports and erases a person there. Implements
 * the requests module's {@link no.vern.requests.ConnectedSystems} SPI and uses nothing else of requests
 * (named interface {@code requests :: spi}).
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Connectors",
        allowedDependencies = { "shared", "crypto", "audit", "processing", "requests :: spi" })
package no.vern.connectors;
