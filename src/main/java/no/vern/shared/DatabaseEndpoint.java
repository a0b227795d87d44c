package no.vern.shared;

/**
 * Where the PostgreSQL server is and how to log in as the schema owner; public so that a module
 * with its own pool (the crypto key store) can connect to the same server under its own role.
 *
 * @param url JDBC URL of the server
 * @param user the schema owner
 * @param password the owner's password (never printed)
 * @param embedded whether this is the embedded server started by Vern itself
 */
public record DatabaseEndpoint(String url, String user, String password, boolean embedded) {

    public DatabaseEndpoint {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("No database: set VERN_DB_URL or leave it empty for the embedded one");
        }
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[url=" + url + ", user=" + user + ", password=***, embedded=" + embedded + "]";
    }
}
