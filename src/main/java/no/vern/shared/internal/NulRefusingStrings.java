package no.vern.shared.internal;

import org.springframework.stereotype.Component;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses a NUL character (U+0000) in any text value of a JSON body, for every module at once: PostgreSQL
 * text cannot hold it, so it used to fail deep inside a transaction as a 500 (found by the bad-input
 * sweep, issue 14 item 4). Refused while reading the body, it is a 400 naming the field and nothing runs.
 * Spring Boot registers every {@code JacksonModule} bean with the application's {@code JsonMapper}.
 */
@Component
class NulRefusingStrings extends SimpleModule {

    private static final long serialVersionUID = 1L;

    NulRefusingStrings() {
        super("vern-nul-refusing-strings");
        setDeserializerModifier(new Modifier());
    }

    /** Wraps the deserializer of {@code String}, wherever a string is read (fields, lists, arrays). */
    private static final class Modifier extends ValueDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                ValueDeserializer<?> deserializer) {
            return deserializer.handledType() == String.class ? new Refusing(deserializer) : deserializer;
        }
    }

    private static final class Refusing extends DelegatingDeserializer {

        Refusing(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Refusing(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof String text && text.indexOf('\u0000') >= 0) {
                throw new NulCharacter(p);
            }
            return value;
        }
    }

    /** A text value with a NUL character; the problem handler names the field. */
    static final class NulCharacter extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        NulCharacter(JsonParser p) {
            super(p, "Text contains a NUL character (U+0000)", String.class);
        }
    }
}
