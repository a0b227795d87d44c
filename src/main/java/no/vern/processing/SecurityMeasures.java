package no.vern.processing;

import java.util.List;

/**
 * The general description of technical and organisational security measures (GDPR Art. 30(1)(g),
 * Art. 32, S15, S20).
 *
 * @param technical technical measures, one per item
 * @param organisational organisational measures, one per item
 */
public record SecurityMeasures(List<LocalizedText> technical, List<LocalizedText> organisational) {

    public SecurityMeasures {
        technical = technical == null ? List.of() : List.copyOf(technical);
        organisational = organisational == null ? List.of() : List.copyOf(organisational);
    }
}
