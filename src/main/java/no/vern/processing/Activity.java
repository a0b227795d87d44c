package no.vern.processing;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One processing activity of the record (GDPR Art. 30(1)): what is processed about whom, why,
 * from where, who receives it, and how it is protected.
 *
 * @param id stable identifier of the activity, e.g. {@code customers}
 * @param name short name
 * @param description what happens, in plain language
 * @param purposes why (Art. 30(1)(b)), each with legal basis and retention (Art. 30(1)(f))
 * @param subjects categories of data subjects (Art. 30(1)(c))
 * @param dataCategories keys of the categories of personal data (Art. 30(1)(c))
 * @param source where the data comes from
 * @param recipients categories of recipients and transfers (Art. 30(1)(d), (e))
 * @param security measures specific to this activity (Art. 30(1)(g)), in addition to the general ones
 */
public record Activity(String id, LocalizedText name, LocalizedText description, List<Purpose> purposes,
        List<SubjectKind> subjects, List<String> dataCategories, LocalizedText source, List<Recipient> recipients,
        @Nullable LocalizedText security) {

    public Activity {
        purposes = purposes == null ? List.of() : List.copyOf(purposes);
        subjects = subjects == null ? List.of() : List.copyOf(subjects);
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
