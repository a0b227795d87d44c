package no.vern.identity;

/**
 * A newly issued token with its secret, returned exactly once.
 *
 * @param token the stored description
 * @param secret the bearer value to hand to the client; not recoverable later
 */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", secret=***]";
    }
}
