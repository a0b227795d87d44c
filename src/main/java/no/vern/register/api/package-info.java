/** REST API of the register under {@code /api/v1/subjects} (bearer tokens only). */
@org.jspecify.annotations.NullMarked
package no.vern.register.api;
