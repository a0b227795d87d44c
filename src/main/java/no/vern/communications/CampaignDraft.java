package no.vern.communications;

import java.util.UUID;

/**
 * A campaign as composed: subject line and text in Norwegian and English. {@code {{name}}} in a text is
 * replaced by the person's name when it is held for the list's purpose; the objection link and footer
 * are added to every message by Vern.
 *
 * @param listId the list to send to
 * @param subjectNb Norwegian subject line
 * @param subjectEn English subject line
 * @param bodyNb Norwegian text
 * @param bodyEn English text
 */
public record CampaignDraft(UUID listId, String subjectNb, String subjectEn, String bodyNb, String bodyEn) {
}
