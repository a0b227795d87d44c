/**
 * The socket factory through which the PostgreSQL driver reaches a JDBC connector's database: it connects
 * only to the address the connectors' address guard checked. Public because the driver instantiates it by
 * class name; nothing else uses it.
 */
@org.jspecify.annotations.NullMarked
package no.vern.connectors.pinning;
