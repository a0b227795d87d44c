package no.vern.crypto.internal;

/** How to reach the key store database as its owner; the pool and the listener then switch role. */
record KeyStoreEndpoint(String url, String user, String password) {

    /** The role every key-store connection runs as. */
    static final String ROLE = "vern_key_store";

    @Override
    public String toString() {
        return "KeyStoreEndpoint[url=" + url + ", user=" + user + ", password=***]";
    }
}
