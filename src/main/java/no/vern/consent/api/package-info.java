/** REST API of the consent module for the company's other systems (bearer tokens with consent scopes). */
@org.jspecify.annotations.NullMarked
package no.vern.consent.api;
