/** Console pages of the website module: statistics dashboard, consent rates and exports, sites. */
@org.jspecify.annotations.NullMarked
package no.vern.website.web;
