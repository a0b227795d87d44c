package no.vern.connectors;

/** How Vern reaches a system: SQL it builds itself, a signed webhook, or a person with a task page. */
public enum ConnectorType {
    /** A database reached over JDBC, described declaratively (tables, identity columns, categories, erasure). */
    JDBC,
    /** A system with an HTTP endpoint that accepts signed requests and answers or calls back signed. */
    WEBHOOK,
    /** A system without an API: its responsible person gets a task by email. */
    MANUAL
}
