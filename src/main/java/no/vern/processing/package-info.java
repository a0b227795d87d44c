/**
 * Record of processing activities (GDPR Art. 30, S29): purposes with their legal bases, categories
 * of subjects and data, recipients, retention and security measures, kept as versioned documents,
 * and the published privacy policy generated from the current version (S30).
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Record of processing", allowedDependencies = { "shared", "audit" })
package no.vern.processing;
