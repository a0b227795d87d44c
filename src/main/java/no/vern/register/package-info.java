/**
 * Personal-data register (issue 4; S1, S2, S3, S8, S10–S12, S15, S20): data subjects and their
 * personal-data records, encrypted per subject, found through blind indexes, read only for a stated
 * purpose, and erased by crypto-shredding. The base package is the API other modules use; the
 * {@link no.vern.register.ConsentGate} is the SPI the consent module implements; the register implements
 * breach's {@code AffectedDataEstimator} through the {@code breach :: spi} named interface.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Personal-data register",
        allowedDependencies = { "shared", "crypto", "audit", "processing", "breach :: spi", "uploads" })
package no.vern.register;
