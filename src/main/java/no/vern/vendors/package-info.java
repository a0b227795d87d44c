/**
 * Vendors (issue 26 items 1, 2): processors and sub-processors with their data processing agreements (GDPR
 * Art. 28), independent and joint controllers (Art. 26), and transfers outside the EU/EEA with their mechanism
 * and transfer impact assessment (Arts. 44-49). Supplies the policy's transfer section and the record's transfer
 * warnings to {@code processing}, and its expiring agreements and overdue reviews to the console's attention list. The signed agreement documents pass the {@code uploads} gate.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Vendors and transfers",
        allowedDependencies = { "shared", "audit", "processing", "uploads" })
package no.vern.vendors;
