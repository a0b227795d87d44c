package no.vern.processing;

/**
 * Published when a new version of the record is saved, so that consent notices, retention rules
 * and caches can follow the record.
 *
 * @param version the new current version
 */
public record ProcessingRecordChanged(int version) {
}
