package no.vern.requests;

/**
 * The personal data of a case, decrypted for its handler (audited): the requester's address and own words.
 *
 * @param email the email address
 * @param details the request text, or empty
 */
public record CaseContact(String email, String details) {

    @Override
    public String toString() {
        return "CaseContact[***]";
    }
}
