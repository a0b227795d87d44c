/** Console pages of the events module and the public sign-up and cancel pages. */
@org.jspecify.annotations.NullMarked
package no.vern.events.web;
