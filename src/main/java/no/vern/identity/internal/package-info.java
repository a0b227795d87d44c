/** Identity internals: accounts, tokens, lockout, rate limits and the security filter chains. */
@org.jspecify.annotations.NullMarked
package no.vern.identity.internal;
