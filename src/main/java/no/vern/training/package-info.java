/**
 * The security programme (S15, S20; issue 15): privacy training register with reminders and the
 * lapsed-training restriction, quarterly access reviews and one-action leavers, and the auditor's
 * security overview. Keeps staff references by opaque account id only.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Security programme",
        allowedDependencies = { "shared", "audit", "identity", "register", "crypto", "uploads", "processing" })
package no.vern.training;
