/**
 * Event registration (issue 6, item 5; S5, S11): staff create seminars, courses and events; people
 * sign up on a public page that asks only for what the event needs, consent to the purpose
 * {@code events} first (recorded in the consent ledger with the notice shown), and may separately
 * consent to be kept in the CRM and ask for newsletters. Participants are stored through the register
 * as event participants; once an event has been held, the retention module's rule for the purpose {@code events}
 * erases the event records (the CRM dialogue and the newsletter keep what their own consents cover). Confirmation mail with a signed cancel link, waiting list, CSV export and check-in.
 * The base package is the module's API.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Events",
        allowedDependencies = { "shared", "register", "consent", "processing", "audit", "crypto", "retention" })
package no.vern.events;
