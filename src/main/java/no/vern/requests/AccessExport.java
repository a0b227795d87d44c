package no.vern.requests;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The access export (GDPR Art. 15, S24) as a document: the schema of the JSON download
 * ({@code urn:vern:requests:access-export:1}, described in {@code docs/requests.md}). It is personal data:
 * {@code toString()} shows counts only.
 *
 * @param schema the schema URN
 * @param request the case id
 * @param generatedAt when the export was made
 * @param language nb or en
 * @param portability true when only the data provided on consent or contract is included (Art. 20)
 * @param controller who is responsible (name and contact)
 * @param dataHeld whether any personal data is held (Art. 15(1) confirmation)
 * @param data every datum from the register with its purpose, legal basis, source, recipients, retention and rights
 * @param systems what the connected systems hold
 * @param art15 the items of Art. 15(1)(a)–(h) and 15(2), each with its content or a "not applicable" reason
 * @param notPortable for a portability export, the data held that Art. 20(1) does not cover, each with why (not
 *        provided by the person, or not processed on consent or contract); empty for an access export
 */
public record AccessExport(String schema, String request, Instant generatedAt, String language, boolean portability,
        String controller, boolean dataHeld, List<Datum> data, List<SystemHolding> systems,
        Map<String, Art15Item> art15, List<NotPortable> notPortable) {

    public static final String SCHEMA = "urn:vern:requests:access-export:1";

    public AccessExport {
        data = List.copyOf(data);
        systems = List.copyOf(systems);
        art15 = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(art15));
        notPortable = List.copyOf(notPortable);
    }

    /**
     * Data held that the right to data portability does not cover (GDPR Art. 20(1)): its category and why, no value.
     *
     * @param category category key
     * @param categoryName category name in the person's language
     * @param reason why it is not portable, in the person's language (its source or its legal basis)
     */
    public record NotPortable(String category, String categoryName, String reason) {
    }

    @Override
    public String toString() {
        return "AccessExport[" + request + ", " + data.size() + " data, " + systems.size() + " systems]";
    }

    /**
     * One datum.
     *
     * @param category category key
     * @param categoryName category name in the person's language
     * @param value the value
     * @param source where it came from
     * @param collectedAt when it was collected
     * @param purposes the purposes it is held for, each with basis and retention
     * @param recipients who receives it
     * @param rights the rights that apply to it given its legal bases
     */
    public record Datum(String category, String categoryName, String value, String source, Instant collectedAt,
            List<PurposeInfo> purposes, List<String> recipients, List<String> rights) {
        @Override
        public String toString() {
            return "Datum[" + category + ", ***]";
        }
    }

    /**
     * A purpose as explained to the person.
     *
     * @param key the purpose key
     * @param name its name
     * @param legalBasis the basis key (e.g. CONTRACT)
     * @param legalBasisText the basis in words with its article
     * @param retention how long it is kept
     */
    public record PurposeInfo(String key, String name, String legalBasis, String legalBasisText, String retention) {
    }

    /**
     * What one connected system holds.
     *
     * @param system the system's name
     * @param owner who is responsible for it
     * @param purposes the purposes of its processing activities
     * @param valuesByCategory category -> values
     */
    public record SystemHolding(String system, String owner, List<PurposeInfo> purposes,
            Map<String, List<String>> valuesByCategory) {
        @Override
        public String toString() {
            return "SystemHolding[" + system + "]";
        }
    }

    /**
     * One item of Art. 15: its content, or why it does not apply.
     *
     * @param article e.g. {@code 15(1)(a)}
     * @param title what it is
     * @param items the content
     * @param notApplicable the reason it does not apply, or null
     */
    public record Art15Item(String article, String title, List<String> items, @Nullable String notApplicable) {
        public Art15Item {
            items = List.copyOf(items);
        }
    }
}
