package no.vern.processing;

import java.time.Period;

import org.jspecify.annotations.Nullable;

/**
 * How long data of a purpose is kept (GDPR Art. 30(1)(f), S13, S23).
 *
 * @param description the rule in plain language, e.g. "while the agreement runs"
 * @param period the longest time kept after the relationship, consent or event ends, if fixed
 */
public record Retention(LocalizedText description, @Nullable Period period) {
}
