/** Console pages of the record of processing and the public policy pages. */
@org.jspecify.annotations.NullMarked
package no.vern.processing.web;
