/** Audit module: console pages under /console/audit. */
@org.jspecify.annotations.NullMarked
package no.vern.audit.web;
