package no.vern.requests;

import no.vern.shared.Conflict;

/** An extension asked for after the first month, or beyond two further months (GDPR Art. 12(3)). */
public final class ExtensionNotAllowed extends Conflict {

    public ExtensionNotAllowed(String detail) {
        super("extension-not-allowed", "Extension not allowed", detail);
    }
}
