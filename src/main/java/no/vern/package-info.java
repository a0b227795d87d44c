/** Vern: the boot class; every capability is an application module in a sub-package. */
@org.jspecify.annotations.NullMarked
package no.vern;
