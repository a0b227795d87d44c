package no.vern.shared.internal;

/** Where the PostgreSQL server is and how to log in as the schema owner. */
record DatabaseEndpoint(String url, String user, String password, boolean embedded) {

    DatabaseEndpoint {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("No database: set VERN_DB_URL or leave it empty for the embedded one");
        }
    }

    @Override
    public String toString() {
        return "DatabaseEndpoint[url=" + url + ", user=" + user + ", password=***, embedded=" + embedded + "]";
    }
}
