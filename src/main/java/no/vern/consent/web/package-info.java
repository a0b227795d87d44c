/** Console pages of the consent module and the public one-click withdrawal pages. */
@org.jspecify.annotations.NullMarked
package no.vern.consent.web;
