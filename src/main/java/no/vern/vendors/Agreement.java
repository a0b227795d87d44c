package no.vern.vendors;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A data processing agreement with a processor (GDPR Art. 28(3)); the newest signed one is in force.
 *
 * @param id stable id
 * @param vendorId the processor
 * @param version the agreement's version as the parties name it
 * @param signedOn when it was signed
 * @param expiresOn when it ends, or null when it runs until terminated
 * @param clauses the Art. 28(3)(a)-(h) stipulations it contains
 */
public record Agreement(UUID id, UUID vendorId, String version, LocalDate signedOn, @Nullable LocalDate expiresOn,
        Set<DpaClause> clauses) {

    public Agreement {
        clauses = clauses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(clauses));
    }

    /** The Art. 28(3) stipulations it lacks, in the article's order. */
    public List<DpaClause> missingClauses() {
        return EnumSet.complementOf(clauses.isEmpty() ? EnumSet.noneOf(DpaClause.class) : EnumSet.copyOf(clauses))
                .stream().toList();
    }

    /** Whether it has ended before {@code today}. */
    public boolean expired(LocalDate today) {
        return expiresOn != null && expiresOn.isBefore(today);
    }
}
