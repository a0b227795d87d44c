package no.vern.connectors.internal;

import java.util.Set;

/** Whom a step looks for: verified emails (lower case) and phones (E.164). Personal data: masked {@code toString()}. */
record Identifiers(Set<String> emails, Set<String> phones) {

    Identifiers {
        emails = Set.copyOf(emails);
        phones = Set.copyOf(phones);
    }

    boolean isEmpty() {
        return emails.isEmpty() && phones.isEmpty();
    }

    @Override
    public String toString() {
        return "Identifiers[" + emails.size() + " emails, " + phones.size() + " phones]";
    }
}
