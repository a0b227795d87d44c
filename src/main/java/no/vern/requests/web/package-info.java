/** Data-subject requests: the privacy center and the case pages of the console. */
@org.jspecify.annotations.NullMarked
package no.vern.requests.web;
