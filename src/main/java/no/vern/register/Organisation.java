package no.vern.register;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A company in the register (customer, partner); not personal data, kept apart from it (S2).
 *
 * @param id opaque id
 * @param name company name
 * @param orgNumber nine-digit organisation number, if known
 * @param businessAddress business address, one line
 */
public record Organisation(UUID id, String name, @Nullable String orgNumber, @Nullable String businessAddress) {
}
