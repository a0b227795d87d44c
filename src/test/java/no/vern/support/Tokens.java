package no.vern.support;

import java.util.EnumSet;
import java.util.Set;


import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;

/** Issues real API tokens for tests, so that API tests go through the same bearer check as clients. */
public final class Tokens {

    private Tokens() {
    }

    /** A fresh token with the given scopes, as the {@code Authorization} header value. */
    public static String bearer(ApiTokens tokens, ApiScope... scopes) {
        Set<ApiScope> set = scopes.length == 0 ? EnumSet.noneOf(ApiScope.class) : EnumSet.of(scopes[0], scopes);
        return "Bearer " + tokens.issue("test", set, null).secret();
    }

}
