package no.vern.processing.internal;

import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import no.vern.shared.ClusterNotifications;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.processing.LegalBasis;
import no.vern.processing.NoticeText;
import no.vern.processing.PolicyText;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.ProcessingRecordChanged;
import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.Purpose;
import no.vern.processing.RecordDiff;
import no.vern.processing.RecordVersion;
import no.vern.processing.RecordWarning;
import no.vern.processing.StaleRecordVersion;
import no.vern.processing.TransferRegister;
import no.vern.processing.TransfersUnresolved;
import no.vern.processing.UnknownPurpose;
import no.vern.processing.VersionInfo;
import no.vern.shared.Actors;
import no.vern.shared.NotFound;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the record as immutable versions in the database. Versions never change once written, so
 * parsed versions and generated policies are cached by version number; the current version number
 * is read from the database on every call, so every node of a cluster sees a change at once.
 */
@Service
class ProcessingRecordService implements ProcessingRecord {

    private final RecordVersions versions;
    private final JsonMapper json;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final PolicyWriter writer;
    private final NoticeWriter notices;
    private final SourceNoticeWriter sourceNotices;
    private final ObjectProvider<TransferRegister> transfers;
    private final Map<Integer, RecordVersion> parsed = new ConcurrentHashMap<>();
    private final Map<PolicyKey, PolicyText> policies = new ConcurrentHashMap<>();

    /** A rendered policy is reused while the record version, the language and every other input are the same. */
    private record PolicyKey(int version, String language, PolicyWriter.Inputs inputs) {
    }

    /** Every node's cached current version is dropped through this channel when a version is added. */
    static final String CHANNEL = "vern_record_changed";

    private final ClusterNotifications notifications;
    private final JdbcClient jdbc;
    /** The current version as last read, with the generation it was read in; any change starts a new generation. */
    private volatile @Nullable CachedVersion currentVersion;
    private final AtomicLong generation = new AtomicLong();
    private final RecordRecipients recipients;

    private record CachedVersion(int version, long generation) {
    }

    ProcessingRecordService(RecordVersions versions, JsonMapper json, Clock clock, AuditLog audit,
            ApplicationEventPublisher events, PolicyWriter writer, NoticeWriter notices,
            SourceNoticeWriter sourceNotices, ClusterNotifications notifications, JdbcClient jdbc,
            ObjectProvider<TransferRegister> transfers, RecordRecipients recipients) {
        this.recipients = recipients;
        this.sourceNotices = sourceNotices;
        this.transfers = transfers;
        this.notifications = notifications;
        this.jdbc = jdbc;
        notifications.subscribe(CHANNEL, new ClusterNotifications.Subscriber() {
            @Override
            public void notified(String payload) {
                forgetCurrentVersion();
            }

            @Override
            public void reset() {
                forgetCurrentVersion();
            }
        });
        this.versions = versions;
        this.json = json;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
        this.writer = writer;
        this.notices = notices;
    }

    @Override
    public RecordVersion current() {
        int version = cachedCurrentVersion()
                .orElseThrow(() -> new IllegalStateException("The record of processing has not been seeded"));
        return version(version).orElseThrow();
    }

    /**
     * The current version number without a query on every call: cached while this node listens for changes
     * ({@link #CHANNEL}, sent in the transaction that adds a version, so every node hears of it on commit; the
     * adding node forgets it at commit too). Not cached while the listener is down, nor when a change raced the read.
     */
    private Optional<Integer> cachedCurrentVersion() {
        long g = generation.get();
        CachedVersion cached = currentVersion;
        if (cached != null && cached.generation() == g && notifications.isListening()) {
            return Optional.of(cached.version());
        }
        Optional<Integer> read = versions.currentVersion();
        if (read.isPresent() && notifications.isListening() && generation.get() == g) {
            currentVersion = new CachedVersion(read.get(), g);
        }
        return read;
    }

    private void forgetCurrentVersion() {
        generation.incrementAndGet();
        currentVersion = null;
    }

    /** Tells every node (and this one, at commit) that the current version changed. */
    private void versionAdded(int version) {
        ClusterNotifications.send(jdbc, CHANNEL, Integer.toString(version));
        forgetCurrentVersion();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forgetCurrentVersion();
                }
            });
        }
    }

    @Override
    public Optional<RecordVersion> version(int version) {
        RecordVersion cached = parsed.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        return versions.find(version).map(row -> {
            RecordVersion v = new RecordVersion(row.version(),
                    json.readerFor(ProcessingRecordDocument.class).withAttribute(MovedRecipientMembers.STORED, true)
                            .<ProcessingRecordDocument>readValue(row.content()), row.author(), row.createdAt(),
                    row.changeNote());
            parsed.put(version, v);
            return v;
        });
    }

    @Override
    public List<VersionInfo> versions() {
        return versions.history().stream()
                .map(r -> new VersionInfo(r.version(), r.author(), r.createdAt(), r.changeNote())).toList();
    }

    @Override
    public RecordDiff diff(int from, int to) {
        RecordVersion older = version(from).orElseThrow(() -> new NotFound("Record version", from));
        RecordVersion newer = version(to).orElseThrow(() -> new NotFound("Record version", to));
        return RecordDiffer.diff(json, from, older.document(), to, newer.document());
    }

    @Override
    public Optional<Purpose> purpose(String key) {
        return current().document().purpose(key);
    }

    @Override
    public boolean isKnownPurpose(String key) {
        return purpose(key).isPresent();
    }

    @Override
    public Purpose requirePurpose(String key) {
        return purpose(key).orElseThrow(() -> new UnknownPurpose(key));
    }

    @Override
    public LegalBasis legalBasisOf(String purposeKey) {
        LegalBasis basis = requirePurpose(purposeKey).legalBasis();
        if (basis == null) {
            throw new UnknownPurpose(purposeKey);
        }
        return basis;
    }

    @Override
    public List<String> dataCategoriesOf(String purposeKey) {
        return current().document().activityOf(purposeKey).map(a -> a.dataCategories())
                .orElseThrow(() -> new UnknownPurpose(purposeKey));
    }

    @Override
    public PolicyText policy(Locale locale) {
        RecordVersion current = current();
        Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        // The retention rules and the website configuration change without a new record version: they are read on
        // every call, and the text is written again whenever any of them differs.
        PolicyWriter.Inputs inputs = writer.inputs(current, language);
        if (policies.size() > 64) {
            policies.clear();
        }
        return policies.computeIfAbsent(new PolicyKey(current.version(), language.getLanguage(), inputs),
                k -> writer.policy(current, language, inputs));
    }

    @Override
    public NoticeText notice(String purposeKey, Locale locale) {
        Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        return notices.notice(current(), purposeKey, language);
    }

    @Override
    public NoticeText sourceNotice(String purposeKey, Locale locale) {
        Locale language = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.forLanguageTag("nb");
        return sourceNotices.notice(current(), purposeKey, language);
    }

    @Override
    public List<RecordWarning> warnings() {
        List<RecordWarning> warnings = new java.util.ArrayList<>(RecordChecks.of(current().document(),
                recipients.registered(Locale.forLanguageTag("nb"))));
        warnings.addAll(transferWarnings());
        return List.copyOf(warnings);
    }

    /** What the vendor register says has no valid transfer mechanism (GDPR Art. 44). */
    private List<RecordWarning> transferWarnings() {
        return transfers.orderedStream().flatMap(t -> t.warnings().stream()).toList();
    }

    @Override
    @Transactional
    public RecordVersion update(int basedOnVersion, ProcessingRecordDocument changed, String changeNote) {
        RecordValidator.validate(changed);
        String note = changeNote == null ? "" : changeNote.strip();
        if (note.isEmpty()) {
            throw new no.vern.shared.InvalidInput("changeNote", "is required: say why the record changes", "error.field.required");
        }
        if (note.length() > 500) {
            throw new no.vern.shared.InvalidInput("changeNote", "must be at most 500 characters", "error.field.tooLong", "500");
        }
        // GDPR Art. 44, issue 26: no new policy version while a transfer has no valid mechanism (or accepted reason).
        int blocking = transferWarnings().size();
        if (blocking > 0) {
            throw new TransfersUnresolved(blocking);
        }
        int current = versions.currentVersion().orElse(0);
        if (current != basedOnVersion) {
            throw new StaleRecordVersion(basedOnVersion, current);
        }
        int next = current + 1;
        String author = Actors.current().reference();
        var now = clock.instant();
        if (!versions.insert(next, json.writeValueAsString(changed), author, now, note)) {
            throw new StaleRecordVersion(basedOnVersion, versions.currentVersion().orElse(next));
        }
        versionAdded(next);
        audit.record(AuditEvent.of("processing.record.updated", Outcome.SUCCESS).withTargets("record-version:" + next));
        events.publishEvent(new ProcessingRecordChanged(next));
        return version(next).orElseThrow();
    }

    /** Writes the first version when the record is empty; a no-op if any version exists. */
    @Transactional
    boolean seed(ProcessingRecordDocument document, String author, String note) {
        RecordValidator.validate(document);
        if (versions.currentVersion().isPresent()) {
            return false;
        }
        boolean inserted = versions.insert(1, json.writeValueAsString(document), author, clock.instant(), note);
        if (inserted) {
            versionAdded(1);
        }
        return inserted;
    }
}
