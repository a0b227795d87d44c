package no.vern.shared.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalConverter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.format.annotation.DateTimeFormat;

import no.vern.shared.DateTimeInput;

/**
 * Binds request parameters and form fields of type {@link Instant} by {@link DateTimeInput#parse}: a local
 * date and time is Oslo time. Fields that name their own format with {@link DateTimeFormat} keep it.
 */
final class DateTimeInputConverter implements Converter<String, Instant>, ConditionalConverter {

    @Override
    public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return !targetType.hasAnnotation(DateTimeFormat.class);
    }

    @Override
    @SuppressWarnings("NullAway") // Converter<S, T extends @Nullable Object> admits null; standard-mode NullAway cannot see it
    public @Nullable Instant convert(String source) {
        return DateTimeInput.parse(source);
    }
}
