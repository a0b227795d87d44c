package no.vern.communications.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.communications.Eligibility;
import no.vern.communications.EligibilityAnswer;
import no.vern.communications.EligibilityReason;
import no.vern.communications.Exclusion;
import no.vern.communications.ListKind;
import no.vern.communications.MailingList;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.SubjectDirectory;
import no.vern.register.SubjectDirectory.DirectoryEntry;
import no.vern.register.SubjectDirectory.IndexMatch;
import no.vern.shared.InvalidInput;

/**
 * Answers the eligibility API in chunks: per chunk, every address is normalised and hashed (blind
 * index), then one {@code = ANY} query finds suppressed hashes and one finds live subjects; each
 * subject goes through the same rule as a list audience ({@link Audience#exclusion}). Only the
 * caller's own addresses come back, with a reason; no subject ids, names or other addresses.
 */
@Service
class EligibilityService implements Eligibility {

    static final int CHUNK = 5_000;

    private final SubjectDirectory directory;
    private final Suppressions suppressions;
    private final MailingLists lists;
    private final Audience audience;
    private final ProcessingRecord processing;
    private final AuditLog audit;

    EligibilityService(SubjectDirectory directory, Suppressions suppressions, MailingLists lists, Audience audience,
            ProcessingRecord processing, AuditLog audit) {
        this.directory = directory;
        this.suppressions = suppressions;
        this.lists = lists;
        this.audience = audience;
        this.processing = processing;
        this.audit = audit;
    }

    @Override
    public List<EligibilityAnswer> check(String purposeKey, List<String> emails) {
        if (purposeKey == null || purposeKey.isBlank()) {
            throw new InvalidInput("purpose", "is required", "error.field.required");
        }
        if (emails == null || emails.isEmpty()) {
            throw new InvalidInput("emails", "needs at least one address", "communications.error.noAddress");
        }
        if (emails.size() > MAX_ADDRESSES) {
            throw new InvalidInput("emails", "has " + emails.size() + " addresses; at most " + MAX_ADDRESSES + " per call", "communications.error.tooManyAddresses", String.valueOf(emails.size()), String.valueOf(MAX_ADDRESSES));
        }
        processing.requirePurpose(purposeKey);
        // The purpose as a list for everyone: the audience rule decides per subject.
        MailingList asList = new MailingList(new UUID(0, 0), "eligibility", ListKind.NEWSLETTER, purposeKey,
                EnumSet.allOf(SubjectKind.class), Instant.EPOCH);
        List<String> scopes = new ArrayList<>();
        scopes.add(Suppressions.ALL);
        lists.idsFor(purposeKey).forEach(id -> scopes.add(id.toString()));

        List<EligibilityAnswer> answers = new ArrayList<>(emails.size());
        for (int from = 0; from < emails.size(); from += CHUNK) {
            answers.addAll(chunk(asList, scopes, emails.subList(from, Math.min(emails.size(), from + CHUNK))));
        }
        long eligible = answers.stream().filter(EligibilityAnswer::eligible).count();
        audit.record(AuditEvent.of("communications.eligibility.check", Outcome.SUCCESS).withPurpose(purposeKey)
                .withTargets("addresses:" + answers.size(), "eligible:" + eligible));
        return answers;
    }

    private List<EligibilityAnswer> chunk(MailingList asList, List<String> scopes, List<String> emails) {
        List<List<byte[]>> hashes = new ArrayList<>(emails.size());
        List<byte[]> all = new ArrayList<>();
        for (String email : emails) {
            List<byte[]> h = email == null ? List.of() : directory.emailIndexes(email);
            hashes.add(h);
            all.addAll(h);
        }
        Map<ByteBuffer, Suppressions.Reason> suppressed = suppressions.reasons(all, scopes);
        Map<ByteBuffer, List<DirectoryEntry>> subjects = new HashMap<>();
        for (IndexMatch m : directory.byEmailIndexes(all)) {
            subjects.computeIfAbsent(ByteBuffer.wrap(m.hash()), k -> new ArrayList<>()).add(m.entry());
        }
        List<DirectoryEntry> found = subjects.values().stream().flatMap(List::stream).toList();
        // One read per chunk each for restrictions and consents: no per-subject gate call (issue 28 item 6).
        Audience.Blocks blocks = new Audience.Blocks(java.util.Set.of(), suppressed,
                audience.restrictedAmong(found.stream().map(DirectoryEntry::id).toList()),
                audience.consentedAmong(asList, found));
        List<EligibilityAnswer> answers = new ArrayList<>(emails.size());
        for (int i = 0; i < emails.size(); i++) {
            answers.add(new EligibilityAnswer(emails.get(i), reason(asList, hashes.get(i), suppressed, subjects, blocks)));
        }
        return answers;
    }

    private EligibilityReason reason(MailingList asList, List<byte[]> hashes, Map<ByteBuffer, Suppressions.Reason> suppressed,
            Map<ByteBuffer, List<DirectoryEntry>> subjects, Audience.Blocks blocks) {
        Suppressions.Reason strongest = null;
        List<DirectoryEntry> found = new ArrayList<>();
        for (byte[] hash : hashes) {
            ByteBuffer key = ByteBuffer.wrap(hash);
            Suppressions.Reason r = suppressed.get(key);
            if (r != null && (strongest == null || r.ordinal() < strongest.ordinal())) {
                strongest = r;
            }
            found.addAll(subjects.getOrDefault(key, List.of()));
        }
        if (strongest != null) {
            return switch (strongest) {
                case OBJECTED -> EligibilityReason.OBJECTED;
                case ERASED -> EligibilityReason.ERASED;
                case BOUNCED -> EligibilityReason.BOUNCED;
            };
        }
        if (found.isEmpty()) {
            return EligibilityReason.UNKNOWN;
        }
        EligibilityReason best = EligibilityReason.NO_CONSENT;
        for (DirectoryEntry entry : found) {
            Optional<Exclusion> exclusion = audience.exclusion(asList, entry, blocks);
            if (exclusion.isEmpty()) {
                return EligibilityReason.ELIGIBLE;
            }
            if (exclusion.get() == Exclusion.OBJECTED) {
                best = EligibilityReason.OBJECTED;
            } else if (exclusion.get() == Exclusion.RESTRICTED && best == EligibilityReason.NO_CONSENT) {
                best = EligibilityReason.RESTRICTED;
            }
        }
        return best;
    }
}
