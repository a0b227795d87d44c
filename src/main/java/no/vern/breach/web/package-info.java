/** Console pages of the breach register and the public report form (S22). */
@org.jspecify.annotations.NullMarked
package no.vern.breach.web;
