@org.jspecify.annotations.NullMarked
package no.vern.informing.api;
