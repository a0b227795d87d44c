/** Implementation of event registration: repository, sign-up service, cancel links, mail, purge job, demo data. */
@org.jspecify.annotations.NullMarked
package no.vern.events.internal;
