@org.jspecify.annotations.NullMarked
package no.vern.vendors.api;
