/** Identity: console pages for users and API tokens. */
@org.jspecify.annotations.NullMarked
package no.vern.identity.web;
