/**
 * Breach register (GDPR Arts. 33 and 34, S21, S22): every breach documented, the 72-hour clock,
 * the Datatilsynet notification draft, management report and notices to the people affected. The
 * SPIs through which the register estimates who is affected and communications delivers notices
 * ({@code BreachNoticeSender}, {@code AffectedDataEstimator} and the types they speak in) form the
 * named interface {@code breach :: spi}.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Breach register",
        allowedDependencies = { "shared", "audit", "processing", "crypto" })
package no.vern.breach;
