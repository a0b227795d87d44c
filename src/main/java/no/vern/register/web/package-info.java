/** Console pages of the register under {@code /console/register}. */
@org.jspecify.annotations.NullMarked
package no.vern.register.web;
