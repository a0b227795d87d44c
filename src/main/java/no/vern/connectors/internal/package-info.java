/** Connector registry, system adapters (JDBC, webhook, manual task) and the durable step orchestration. */
@org.jspecify.annotations.NullMarked
package no.vern.connectors.internal;
