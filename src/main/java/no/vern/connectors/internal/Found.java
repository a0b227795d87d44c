package no.vern.connectors.internal;

import java.util.List;
import java.util.Map;

/**
 * What a system returned for a step: values per data category (personal data, encrypted before storage;
 * masked {@code toString()}), how many records, and a detail without personal data.
 */
record Found(Map<String, List<String>> values, int rows, StepDetail detail) {

    Found {
        values = Map.copyOf(values);
    }

    static Found nothing(StepDetail detail) {
        return new Found(Map.of(), 0, detail);
    }

    @Override
    public String toString() {
        return "Found[" + values.keySet() + ", " + rows + " rows]";
    }
}
