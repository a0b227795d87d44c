package no.vern.processing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RecordDiff;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares two versions leaf by leaf. Lists of objects are matched by their {@code id} or
 * {@code key} (so reordering is not a change), lists of plain values by the value itself.
 */
final class RecordDiffer {

    private static final Pattern ACTIVITY = Pattern.compile("^activities\\[([^\\]]+)]");

    private RecordDiffer() {
    }

    static RecordDiff diff(JsonMapper json, int fromVersion, ProcessingRecordDocument from, int toVersion,
            ProcessingRecordDocument to) {
        Map<String, String> before = flatten(json.valueToTree(from));
        Map<String, String> after = flatten(json.valueToTree(to));
        Set<String> paths = new LinkedHashSet<>(before.keySet());
        paths.addAll(after.keySet());
        List<RecordDiff.Change> changes = new ArrayList<>();
        for (String path : paths) {
            String old = before.get(path);
            String now = after.get(path);
            if (Objects.equals(old, now)) {
                continue;
            }
            RecordDiff.Kind kind = old == null ? RecordDiff.Kind.ADDED
                    : now == null ? RecordDiff.Kind.REMOVED : RecordDiff.Kind.CHANGED;
            Matcher m = ACTIVITY.matcher(path);
            changes.add(new RecordDiff.Change(kind, m.find() ? m.group(1) : null, path, old, now));
        }
        return new RecordDiff(fromVersion, toVersion, changes);
    }

    static Map<String, String> flatten(JsonNode root) {
        Map<String, String> out = new LinkedHashMap<>();
        walk("", root, out);
        return out;
    }

    private static void walk(String path, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String key;
                if (element.isObject() && element.hasNonNull("id")) {
                    key = element.get("id").asString();
                } else if (element.isObject() && element.hasNonNull("key")) {
                    key = element.get("key").asString();
                } else if (element.isValueNode()) {
                    key = element.asString();
                } else {
                    key = String.valueOf(i);
                }
                walk(path + "[" + key + "]", element, out);
            }
        } else {
            String text = node.asString();
            if (!text.isEmpty()) {
                out.put(path, text);
            }
        }
    }
}
