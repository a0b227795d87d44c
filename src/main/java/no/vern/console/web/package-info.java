/** The console's own pages: dashboard, login, the demo mail viewer and the model every page gets. */
@org.jspecify.annotations.NullMarked
package no.vern.console.web;
