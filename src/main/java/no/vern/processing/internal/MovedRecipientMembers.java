package no.vern.processing.internal;

import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.processing.Recipient;
import no.vern.shared.InvalidInput;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.module.SimpleModule;

/**
 * A recipient's fields from before the vendor register ({@code country}, {@code thirdCountryTransfer},
 * {@code safeguard}, {@code agreementInPlace}; migration {@code V26_20}): a client that still sends them gets a 400
 * whose field error says where they went (the vendor register, {@code /api/v1/vendors}), not the generic "unknown
 * field" and never a 200 that drops them (issue 26). Record versions stored before V26_20 still hold them: reading
 * those ({@link #STORED}) skips them, since the vendor register holds what they said.
 */
@Component
class MovedRecipientMembers extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Reader attribute for stored record versions, whose old recipient fields are history, not input. */
    static final String STORED = "vern.processing.stored-version";

    static final Set<String> MOVED = Set.of("country", "thirdCountryTransfer", "safeguard", "agreementInPlace");

    MovedRecipientMembers() {
        super("vern-moved-recipient-members");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addHandler(new Handler());
    }

    private static final class Handler extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                @Nullable ValueDeserializer<?> deserializer, @Nullable Object beanOrClass, String propertyName) {
            boolean recipient = beanOrClass == Recipient.class || beanOrClass instanceof Recipient
                    || (deserializer != null && deserializer.handledType() == Recipient.class);
            if (!recipient || !MOVED.contains(propertyName)) {
                return false;
            }
            if (ctxt.getAttribute(STORED) != null) {
                p.skipChildren();
                return true;
            }
            throw new InvalidInput(propertyName,
                    "moved to the vendor register: register the company at /api/v1/vendors with its agreement and transfers",
                    "processing.error.recipientMoved");
        }
    }
}
