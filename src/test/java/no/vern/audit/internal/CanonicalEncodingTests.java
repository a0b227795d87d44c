package no.vern.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The canonical encoding is unambiguous, so no two different entries can share a chain hash. */
class CanonicalEncodingTests {

    private static final Instant AT = Instant.parse("2026-11-25T09:30:00.123456Z");

    private static EntryRow entry(String actor, String action, List<String> targets, String purpose) {
        return new EntryRow(7, AT, actor, action, "SUCCESS", purpose, targets, null);
    }

    @Test
    void movingCharactersBetweenFieldsChangesTheHash() {
        byte[] a = Canonical.hash(Canonical.GENESIS, 1, entry("staff:ab", "c.d", List.of(), "p1"));
        byte[] b = Canonical.hash(Canonical.GENESIS, 1, entry("staff:a", "bc.d", List.of(), "p1"));

        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void splittingOneTargetIntoTwoChangesTheHash() {
        byte[] one = Canonical.hash(Canonical.GENESIS, 1, entry("staff:a", "x.y", List.of("a:bc"), "p1"));
        byte[] two = Canonical.hash(Canonical.GENESIS, 1, entry("staff:a", "x.y", List.of("a:b", "c"), "p1"));

        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void anAbsentPurposeDiffersFromAnEmptyOne() {
        byte[] absent = Canonical.encode(1, entry("staff:a", "x.y", List.of(), null));
        byte[] empty = Canonical.encode(1, entry("staff:a", "x.y", List.of(), ""));

        assertThat(absent).isNotEqualTo(empty);
    }

    @Test
    void theChainPositionIsPartOfTheHash() {
        EntryRow row = entry("staff:a", "x.y", List.of(), "p1");

        assertThat(Canonical.hash(Canonical.GENESIS, 1, row)).isNotEqualTo(Canonical.hash(Canonical.GENESIS, 2, row));
    }

    @Test
    void theTimeIsHashedToTheMicrosecond() {
        EntryRow row = entry("staff:a", "x.y", List.of(), "p1");
        EntryRow later = new EntryRow(7, AT.plusNanos(1_000), "staff:a", "x.y", "SUCCESS", "p1", List.of(), null);

        assertThat(Canonical.hash(Canonical.GENESIS, 1, row)).isNotEqualTo(Canonical.hash(Canonical.GENESIS, 1, later));
    }
}
