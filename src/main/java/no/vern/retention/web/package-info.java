/** Retention pages: the console and the public talent-pool answer page. */
@org.jspecify.annotations.NullMarked
package no.vern.retention.web;
