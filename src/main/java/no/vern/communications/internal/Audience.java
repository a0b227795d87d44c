package no.vern.communications.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import no.vern.communications.AudiencePreview;
import no.vern.communications.Exclusion;
import no.vern.communications.MailingList;
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.ConsentGate;
import no.vern.register.Restrictions;
import no.vern.register.SubjectDirectory;
import no.vern.register.SubjectDirectory.DirectoryEntry;
import no.vern.shared.SubjectId;

/**
 * Who a list reaches: the register's subjects that hold an email address for the list's purpose, each
 * put through {@link #exclusion}, the one place that decides whether a person may be mailed. Read fresh
 * on every call (no cache), so a consent withdrawal or an objection on any node counts at once.
 */
@Component
class Audience {

    /**
     * Kinds that may only ever be mailed with a consent for the list's purpose (S4, S5): private persons, whom
     * markedsføringsloven § 15 first paragraph protects from email marketing without prior consent. A newsletter
     * recipient (e.g. from a CSV import) is never mailed on legitimate interest; the existing customers' soft opt-in
     * (§ 15 second paragraph) is a purpose of its own for customer contacts.
     */
    static final Set<SubjectKind> CONSENT_ONLY_KINDS = EnumSet.of(SubjectKind.PROSPECT, SubjectKind.CANDIDATE,
            SubjectKind.EVENT_PARTICIPANT, SubjectKind.NEWSLETTER_RECIPIENT);
    private static final int PAGE = 1000;

    private final SubjectDirectory directory;
    private final ConsentGate gate;
    private final ProcessingRecord processing;
    private final Objections objections;
    private final Suppressions suppressions;
    private final Restrictions restrictions;

    Audience(SubjectDirectory directory, ConsentGate gate, ProcessingRecord processing, Objections objections,
            Suppressions suppressions, Restrictions restrictions) {
        this.restrictions = restrictions;
        this.directory = directory;
        this.gate = gate;
        this.processing = processing;
        this.objections = objections;
        this.suppressions = suppressions;
    }

    /**
     * What blocks mail for a page of subjects, read in two queries: who objected (by subject id) and which
     * email hashes are on the suppression list (by hash), both for the list and for everything.
     */
    record Blocks(Set<UUID> objected, Map<ByteBuffer, Suppressions.Reason> suppressed, Set<SubjectId> restricted,
            @Nullable Set<SubjectId> consented) {

        static final Blocks NONE = new Blocks(Set.of(), Map.of(), Set.of());

        /** Without a consent set read ahead: {@link #exclusion} asks the gate for the one subject. */
        Blocks(Set<UUID> objected, Map<ByteBuffer, Suppressions.Reason> suppressed, Set<SubjectId> restricted) {
            this(objected, suppressed, restricted, null);
        }
    }

    Blocks blocksFor(MailingList list, Collection<DirectoryEntry> entries) {
        List<UUID> ids = entries.stream().map(e -> e.id().value()).toList();
        List<byte[]> hashes = entries.stream().flatMap(e -> e.emailIndexes().stream()).toList();
        return new Blocks(objections.objectedAmong(ids, list.id()),
                suppressions.reasons(hashes, Suppressions.scopesOf(list.id())),
                restrictedAmong(entries.stream().map(DirectoryEntry::id).toList()), consentedAmong(list, entries));
    }

    /**
     * Which of these subjects the gate permits for the list's purpose, read once for the page (issue 28 item 6):
     * asked only for a purpose that rests on consent and only about subjects whose address is held for it, the
     * only case in which {@link #exclusion} consults the gate.
     */
    Set<SubjectId> consentedAmong(MailingList list, Collection<DirectoryEntry> entries) {
        if (processing.legalBasisOf(list.purposeKey()) != LegalBasis.CONSENT) {
            return Set.of();
        }
        List<SubjectId> asked = entries.stream().filter(e -> !e.erased() && e.emailPurposes().contains(list.purposeKey()))
                .map(DirectoryEntry::id).distinct().toList();
        return asked.isEmpty() ? Set.of() : gate.permittedAmong(asked, list.purposeKey());
    }

    /**
     * Why this subject must not be mailed for the list, or empty if it may be: the single rule every
     * audience, preview and send goes through (extend it here, e.g. for a restriction of processing).
     */
    Optional<Exclusion> exclusion(MailingList list, DirectoryEntry entry, Blocks blocks) {
        if (entry.erased()) {
            return Optional.of(Exclusion.ERASED);
        }
        if (Collections.disjoint(entry.kinds(), list.kinds())) {
            return Optional.of(Exclusion.NOT_IN_AUDIENCE);
        }
        if (!entry.emailPurposes().contains(list.purposeKey())) {
            return Optional.of(Exclusion.NO_EMAIL);
        }
        boolean consentBased = processing.legalBasisOf(list.purposeKey()) == LegalBasis.CONSENT;
        boolean consentOnlyKind = !Collections.disjoint(entry.kinds(), CONSENT_ONLY_KINDS);
        // S4/S5 and markedsføringsloven § 15: prospects, candidates, event participants and newsletter recipients only with consent
        // for this very purpose; a purpose that does not rest on consent can never admit them.
        if ((consentBased || consentOnlyKind) && !(consentBased && consented(list, entry, blocks))) {
            return Optional.of(Exclusion.NO_CONSENT);
        }
        if (blocks.objected().contains(entry.id().value())) {
            return Optional.of(Exclusion.OBJECTED);
        }
        if (blocks.restricted().contains(entry.id())) {
            return Optional.of(Exclusion.RESTRICTED); // GDPR Art. 18(2): storage only, no mailing
        }
        Suppressions.Reason strongest = null;
        for (byte[] hash : entry.emailIndexes()) {
            Suppressions.Reason r = blocks.suppressed().get(ByteBuffer.wrap(hash));
            if (r != null && (strongest == null || r.ordinal() < strongest.ordinal())) {
                strongest = r;
            }
        }
        if (strongest != null) {
            return Optional.of(switch (strongest) {
                case OBJECTED -> Exclusion.OBJECTED;
                case ERASED -> Exclusion.ERASED;
                case BOUNCED -> Exclusion.BOUNCED;
            });
        }
        return Optional.empty();
    }

    private boolean consented(MailingList list, DirectoryEntry entry, Blocks blocks) {
        Set<SubjectId> consented = blocks.consented();
        return consented != null ? consented.contains(entry.id()) : gate.permits(entry.id(), list.purposeKey());
    }

    /** Which of these subjects have their processing restricted (GDPR Art. 18). */
    Set<SubjectId> restrictedAmong(Collection<SubjectId> subjects) {
        return subjects.isEmpty() ? Set.of() : restrictions.restrictedAmong(subjects);
    }

    /** The decision for one subject right before its message (fresh reads). */
    Optional<Exclusion> recheck(MailingList list, SubjectId subject) {
        Optional<DirectoryEntry> entry = directory.entry(subject);
        if (entry.isEmpty()) {
            return Optional.of(Exclusion.ERASED);
        }
        return exclusion(list, entry.get(), blocksFor(list, List.of(entry.get())));
    }

    /** Walks the list's candidates page by page, handing each with its decision to the consumer. */
    void forEach(MailingList list, BiConsumer<DirectoryEntry, Optional<Exclusion>> consumer) {
        @Nullable SubjectId after = null;
        while (true) {
            List<DirectoryEntry> page = directory.withEmailFor(list.purposeKey(), after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            Blocks blocks = blocksFor(list, page);
            for (DirectoryEntry entry : page) {
                consumer.accept(entry, exclusion(list, entry, blocks));
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** The subjects a campaign for the list goes to now. */
    List<SubjectId> members(MailingList list) {
        List<SubjectId> members = new ArrayList<>();
        forEach(list, (entry, exclusion) -> {
            if (exclusion.isEmpty()) {
                members.add(entry.id());
            }
        });
        return members;
    }

    AudiencePreview preview(MailingList list) {
        long[] reachable = { 0 };
        Map<Exclusion, Long> excluded = new EnumMap<>(Exclusion.class);
        forEach(list, (entry, exclusion) -> {
            if (exclusion.isEmpty()) {
                reachable[0]++;
            } else if (exclusion.get() != Exclusion.NOT_IN_AUDIENCE) {
                excluded.merge(exclusion.get(), 1L, Long::sum);
            }
        });
        return new AudiencePreview(list.id(), reachable[0], excluded);
    }
}
