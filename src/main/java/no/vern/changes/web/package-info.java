/** The console's webhook page (Administrasjon): subscriptions, secrets, the delivery log and dead letters. */
@org.jspecify.annotations.NullMarked
package no.vern.changes.web;
