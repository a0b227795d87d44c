package no.vern.communications;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import no.vern.shared.SubjectId;

/**
 * Lists, audiences, campaigns, objections and bounces (S7): the one way to mail people for marketing,
 * so that every message carries an objection link and every objection is honoured.
 */
public interface Communications {

    /** Creates a list; fails with InvalidInput or UnknownPurpose. */
    MailingList createList(NewList list);

    /** Every list, oldest first. */
    List<MailingList> lists();

    /** One list; NotFound otherwise. */
    MailingList list(UUID listId);

    /** Counts who a list reaches now and who is left out by reason (no personal data). */
    AudiencePreview preview(UUID listId);

    /** Saves a campaign draft; fails with InvalidInput. */
    Campaign compose(CampaignDraft draft);

    /** One campaign; NotFound otherwise. */
    Campaign campaign(UUID campaignId);

    /** Campaigns, newest first. */
    List<Campaign> campaigns();

    /**
     * Queues a draft for sending to the list's audience as it is now; one delivery per subject (a repeat
     * call queues nobody twice). The sender re-checks every person right before their message.
     */
    Campaign queue(UUID campaignId);

    /** Counts of what became of a campaign's deliveries. */
    CampaignReport report(UUID campaignId);

    /** Sends and objections per day for the last {@code days} days, oldest first. */
    List<ActivityDay> activity(int days);

    /** Records an objection to one list (or all, when {@code listId} is null), as staff recorded it or the person made it. */
    void object(SubjectId subject, @Nullable UUID listId, ObjectionChannel channel);

    /**
     * Records an objection received by staff (phone, letter, mailbox, in person) for every subject held under
     * the address, or for the subject given; the address's keyed hash is suppressed even when nobody is held
     * under it, so the objection also stops a later import. Fails with InvalidInput or NotFound.
     */
    ObjectionResult recordStaffObjection(StaffObjection objection);

    /** Records a bounce reported for an address; a hard bounce suppresses it. */
    void recordBounce(String email, @Nullable BounceKind kind);

    /** Sets the language ({@code nb} or {@code en}) a person is written to in. */
    void setLanguage(SubjectId subject, String language);

    /** The language a person is written to in; Norwegian unless English was set. */
    String languageOf(SubjectId subject);
}
