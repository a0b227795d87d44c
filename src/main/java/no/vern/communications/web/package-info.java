@org.jspecify.annotations.NullMarked
package no.vern.communications.web;
