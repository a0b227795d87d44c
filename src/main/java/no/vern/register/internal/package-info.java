/** Implementation of the register: service, repositories, validation, erasure, import, demo data. */
@org.jspecify.annotations.NullMarked
package no.vern.register.internal;
