package no.vern.communications.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.communications.ActivityDay;
import no.vern.communications.AudiencePreview;
import no.vern.communications.BounceKind;
import no.vern.communications.Campaign;
import no.vern.communications.CampaignDraft;
import no.vern.communications.CampaignReport;
import no.vern.communications.Communications;
import no.vern.communications.MailingList;
import no.vern.communications.NewList;
import no.vern.communications.ObjectionChannel;
import no.vern.communications.ObjectionResult;
import no.vern.communications.StaffObjection;
import no.vern.communications.ObjectionRecorded;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.SubjectDirectory;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;
import no.vern.shared.InvalidInput.FieldError;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import no.vern.shared.VernClock;

/** The communications module's service: lists, previews, campaigns, objections, bounces, languages. */
@Service
class CommunicationsService implements Communications {

    private final MailingLists lists;
    private final Campaigns campaigns;
    private final Deliveries deliveries;
    private final Objections objections;
    private final Suppressions suppressions;
    private final Languages languages;
    private final Audience audience;
    private final SubjectDirectory directory;
    private final ProcessingRecord processing;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CommunicationsService(MailingLists lists, Campaigns campaigns, Deliveries deliveries, Objections objections,
            Suppressions suppressions, Languages languages, Audience audience, SubjectDirectory directory,
            ProcessingRecord processing, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.lists = lists;
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.objections = objections;
        this.suppressions = suppressions;
        this.languages = languages;
        this.audience = audience;
        this.directory = directory;
        this.processing = processing;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public MailingList createList(NewList input) {
        List<FieldError> errors = new ArrayList<>();
        String name = input.name() == null ? "" : input.name().strip();
        if (name.isEmpty() || name.length() > 120) {
            errors.add(FieldError.coded("name", "is required (at most 120 characters)", name.isEmpty() ? "error.field.required" : "error.field.tooLong", "120"));
        }
        if (input.kind() == null) {
            errors.add(FieldError.coded("kind", "is required", "error.field.required"));
        }
        if (input.kinds() == null || input.kinds().isEmpty()) {
            errors.add(FieldError.coded("kinds", "needs at least one kind of subject", "communications.error.noKind"));
        }
        if (input.purposeKey() == null || input.purposeKey().isBlank()) {
            errors.add(FieldError.coded("purposeKey", "is required", "error.field.required"));
        } else if (!processing.isKnownPurpose(input.purposeKey())) {
            errors.add(FieldError.coded("purposeKey", "is not a purpose in the record of processing", "communications.error.unknownPurpose"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        MailingList list = new MailingList(UUID.randomUUID(), name, Objects.requireNonNull(input.kind()), input.purposeKey(),
                EnumSet.copyOf(input.kinds()), clock.instant());
        lists.insert(list);
        audit.record(AuditEvent.of("communications.list.create", Outcome.SUCCESS).withPurpose(list.purposeKey())
                .withTargets("list:" + list.id()));
        return list;
    }

    @Override
    public List<MailingList> lists() {
        return lists.all();
    }

    @Override
    public MailingList list(UUID listId) {
        return lists.find(listId).orElseThrow(() -> new NotFound("List", listId));
    }

    @Override
    public AudiencePreview preview(UUID listId) {
        return audience.preview(list(listId));
    }

    @Override
    @Transactional
    public Campaign compose(CampaignDraft draft) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "subjectNb", draft.subjectNb(), 200);
        text(errors, "subjectEn", draft.subjectEn(), 200);
        text(errors, "bodyNb", draft.bodyNb(), 20_000);
        text(errors, "bodyEn", draft.bodyEn(), 20_000);
        if (draft.listId() == null || lists.find(draft.listId()).isEmpty()) {
            errors.add(FieldError.coded("listId", "is not a list", "communications.error.unknownList"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Campaign c = new Campaign(UUID.randomUUID(), draft.listId(), draft.subjectNb().strip(), draft.subjectEn().strip(),
                draft.bodyNb(), draft.bodyEn(), Campaign.Status.DRAFT, clock.instant(), null, null);
        campaigns.insert(c, actor().reference());
        audit.record(AuditEvent.of("communications.campaign.compose", Outcome.SUCCESS).withTargets("campaign:" + c.id()));
        return c;
    }

    private static void text(List<FieldError> errors, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.coded(field, "is required", "error.field.required"));
        } else if (value.length() > max) {
            errors.add(FieldError.coded(field, "is longer than " + max + " characters", "error.field.tooLong", String.valueOf(max)));
        }
    }

    @Override
    public Campaign campaign(UUID campaignId) {
        return campaigns.find(campaignId, false).orElseThrow(() -> new NotFound("Campaign", campaignId));
    }

    @Override
    public List<Campaign> campaigns() {
        return campaigns.all();
    }

    @Override
    @Transactional
    public Campaign queue(UUID campaignId) {
        Campaign c = campaigns.find(campaignId, true).orElseThrow(() -> new NotFound("Campaign", campaignId));
        if (c.status() != Campaign.Status.DRAFT) {
            throw new Conflict("campaign-already-queued", "Campaign already queued",
                    "The campaign " + campaignId + " has already been queued; each campaign is sent once.");
        }
        MailingList list = list(c.listId());
        List<SubjectId> members = audience.members(list);
        Instant now = clock.instant();
        int added = deliveries.enqueue(c.id(), members, now);
        campaigns.markQueued(c.id(), now);
        audit.record(AuditEvent.of("communications.campaign.queue", Outcome.SUCCESS).withPurpose(list.purposeKey())
                .withTargets("campaign:" + c.id(), "list:" + list.id(), "recipients:" + added));
        return campaign(c.id());
    }

    @Override
    public CampaignReport report(UUID campaignId) {
        campaign(campaignId);
        Deliveries.Counts counts = deliveries.counts(campaignId);
        return new CampaignReport(campaignId, counts.sent(), counts.pending(), counts.failed(), counts.uncertain(),
                counts.suppressed());
    }

    @Override
    public List<ActivityDay> activity(int days) {
        LocalDate today = LocalDate.now(clock.withZone(VernClock.ZONE));
        LocalDate first = today.minusDays(Math.max(1, days) - 1L);
        Instant since = first.atStartOfDay(VernClock.ZONE).toInstant();
        Map<LocalDate, Long> sent = deliveries.sentPerDay(since);
        Map<LocalDate, Long> objected = objections.perDay(since);
        List<ActivityDay> result = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            result.add(new ActivityDay(d, sent.getOrDefault(d, 0L), objected.getOrDefault(d, 0L)));
        }
        return result;
    }

    @Override
    @Transactional
    public void object(SubjectId subject, @Nullable UUID listId, ObjectionChannel channel) {
        if (listId != null) {
            list(listId);
        }
        Instant now = clock.instant();
        if (objections.objected(subject, listId)) {
            return; // already honoured: a second click changes nothing
        }
        objections.record(subject, listId, channel, now);
        // The address's keyed hashes too, so the objection outlives an erasure and a re-import (S7, S26).
        List<byte[]> hashes = directory.entry(subject).map(SubjectDirectory.DirectoryEntry::emailIndexes).orElse(List.of());
        suppressions.add(hashes, listId == null ? Suppressions.ALL : listId.toString(), Suppressions.Reason.OBJECTED, now);
        events.publishEvent(new ObjectionRecorded(subject, listId));
        Actor actor = channel == ObjectionChannel.STAFF ? actor() : new Actor(Actor.Kind.SUBJECT, subject.value().toString());
        audit.record(AuditEvent.by(actor, "communications.objection.record", Outcome.SUCCESS)
                .withTargets(subject.reference(), listId == null ? "list:all" : "list:" + listId, "channel:" + channel));
    }

    @Override
    @Transactional
    public ObjectionResult recordStaffObjection(StaffObjection o) {
        if (o.received() == null || !StaffObjection.RECEIVED.contains(o.received())) {
            throw new InvalidInput("received", "must be phone, letter, email or in-person", "communications.error.received");
        }
        boolean byEmail = o.email() != null && !o.email().isBlank();
        boolean bySubject = o.subject() != null && !o.subject().isBlank();
        if (byEmail == bySubject) {
            throw new InvalidInput("email", "give either the person's email address or a subject id", "communications.error.emailOrSubject");
        }
        if (o.listId() != null) {
            list(o.listId());
        }
        List<SubjectId> subjects = new ArrayList<>();
        boolean suppressed = false;
        if (byEmail) {
            List<byte[]> hashes = directory.emailIndexes(java.util.Objects.requireNonNull(o.email()));
            if (hashes.isEmpty()) {
                throw new InvalidInput("email", "is not an email address", "error.field.email");
            }
            directory.byEmailIndexes(hashes).stream().map(m -> m.entry().id()).distinct().forEach(subjects::add);
            suppressions.add(hashes.subList(0, 1), o.listId() == null ? Suppressions.ALL : o.listId().toString(),
                    Suppressions.Reason.OBJECTED, clock.instant());
            suppressed = true;
        } else {
            SubjectId subject = SubjectId.parse(java.util.Objects.requireNonNull(o.subject()));
            if (directory.entry(subject).filter(e -> !e.erased()).isEmpty()) {
                throw new no.vern.shared.NotFound("Subject", subject);
            }
            subjects.add(subject);
        }
        for (SubjectId subject : subjects) {
            object(subject, o.listId(), ObjectionChannel.STAFF);
        }
        audit.record(AuditEvent.by(actor(), "communications.objection.staff", Outcome.SUCCESS)
                .withTargets(java.util.stream.Stream.concat(subjects.stream().map(SubjectId::reference),
                        java.util.stream.Stream.of("received:" + o.received(),
                                o.listId() == null ? "list:all" : "list:" + o.listId())).toArray(String[]::new)));
        return new ObjectionResult(subjects, o.listId(), suppressed || !subjects.isEmpty());
    }

    @Override
    @Transactional
    public void recordBounce(String email, @Nullable BounceKind kind) {
        if (email == null || email.isBlank()) {
            throw new InvalidInput("email", "is required", "error.field.required");
        }
        if (kind == null) {
            throw new InvalidInput("kind", "is required (HARD or SOFT)", "communications.error.bounceKind");
        }
        List<byte[]> hashes = directory.emailIndexes(email);
        if (hashes.isEmpty()) {
            throw new InvalidInput("email", "is not a valid email address", "error.field.email");
        }
        if (kind == BounceKind.HARD) {
            suppressions.add(List.of(hashes.get(0)), Suppressions.ALL, Suppressions.Reason.BOUNCED, clock.instant());
        }
        audit.record(AuditEvent.of("communications.bounce.record", Outcome.SUCCESS).withTargets("bounce:" + kind));
    }

    @Override
    @Transactional
    public void setLanguage(SubjectId subject, String language) {
        if (!"nb".equals(language) && !"en".equals(language)) {
            throw new InvalidInput("language", "must be nb or en", "error.field.language");
        }
        if (directory.entry(subject).filter(e -> !e.erased()).isEmpty()) {
            throw new NotFound("Subject", subject);
        }
        languages.set(subject, language);
    }

    @Override
    public String languageOf(SubjectId subject) {
        return languages.of(subject);
    }

    /** The kinds the existing customers' newsletter (soft opt-in, markedsføringsloven § 15 second paragraph) reaches. */
    static Set<SubjectKind> customerKinds() {
        return EnumSet.of(SubjectKind.CUSTOMER_CONTACT, SubjectKind.CUSTOMER_EMPLOYEE);
    }

    private static Actor actor() {
        return Actors.currentOr(Actor.system("communications"));
    }
}
