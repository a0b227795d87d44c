/**
 * Data-subject requests (issue 8; S14, S24–S28, GDPR Arts. 12, 15–21): the privacy center, proportionate
 * identity verification, legal deadlines, the case workflow, access exports, rectification, restriction,
 * erasure with certificates. {@link no.vern.requests.ConnectedSystems} is the SPI through which a case
 * reaches the other systems that hold personal data (implemented by the connectors module); it and the types
 * it speaks in form the named interface {@code requests :: spi}, the only part of this module connectors may use.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Data-subject requests",
        allowedDependencies = { "shared", "crypto", "audit", "processing", "register", "consent", "communications" })
package no.vern.requests;
