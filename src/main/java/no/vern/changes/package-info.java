/**
 * Change events for other systems (issue 25 item 3): every consent given, withdrawn or expired, objection,
 * restriction set or lifted, erasure, completed request and change of the record of processing is appended to
 * an event log in the transaction that makes the change, so that none is lost and none is told that did not
 * happen. Events carry the subject's opaque id, purpose keys and times, never personal data. Other systems read
 * them as a cursor-paged feed in the CloudEvents 1.0 JSON format. The base package is the module's API.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Change events",
        allowedDependencies = { "shared", "consent", "register", "communications", "processing", "requests", "audit" })
package no.vern.changes;
