package no.vern.shared.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Database settings: an external server by URL, or the embedded one with its data directory.
 *
 * @param url JDBC URL of an external server; empty means embedded
 * @param poolSize size of the application connection pool
 */
@ConfigurationProperties("vern.db")
record DatabaseProperties(@DefaultValue("") String url, @DefaultValue("") String user,
        @DefaultValue("") String password, @DefaultValue("20") int poolSize,
        @DefaultValue Embedded embedded) {

    /**
     * @param dataDir where the cluster lives; survives restarts unless {@code clean}
     * @param workDir where the PostgreSQL binaries are unpacked
     * @param clean wipe the data directory on start (tests)
     * @param port fixed port, or 0 for any free one
     */
    record Embedded(@DefaultValue("./data/postgres") String dataDir, @DefaultValue("./data/pg-bin") String workDir,
            @DefaultValue("false") boolean clean, @DefaultValue("0") int port) {
    }

    @Override
    public String toString() {
        return "DatabaseProperties[url=" + url + ", user=" + user + ", password=***]";
    }
}
