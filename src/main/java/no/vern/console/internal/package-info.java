/** Console configuration: the web layout's beans and settings. */
@org.jspecify.annotations.NullMarked
package no.vern.console.internal;
