package no.vern.communications.internal;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.ConsentGate;
import no.vern.register.SubjectDirectory;
import no.vern.register.SubjectDirectory.DirectoryEntry;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * Answers the eligibility API in chunks of {@value #CHUNK} addresses, handing the answers on as each chunk is done (the
 * API streams them). Per chunk every address is normalised and hashed once (blind index, every index key), and one
 * statement reads, per hash in the caller's order ({@code unnest … WITH ORDINALITY}, one index probe per hash): its suppression reasons (this
 * module's table), the live subjects stored under it with their kinds, email purposes and restriction (SQL the register
 * owns, {@link SubjectDirectory#emailMatchesSql}) and whether each has a consent in force (SQL the consent gate owns,
 * {@link ConsentGate#inForceSql}; read only for a purpose that rests on consent). The statement only gathers facts:
 * who is excluded and why is still decided by {@link Audience#exclusion}, the rule every list audience and preview
 * uses. Only the caller's own addresses come back, with a reason; no subject ids, names or other addresses.
 *
 * <p>The normalisation and hashing of chunk n+1 runs on this module's own small pool while chunk n's statement runs
 * and its answers are written (issue 28 item 6), so a call uses a second core; at most two chunks of a call are in
 * flight. The pool is bounded (one thread per core, a short queue); when it is busy with other calls the caller
 * prepares the chunk itself. The work handed over only normalises and hashes, under the caller's actor
 * ({@link Actors#runAs}); every statement, decision, answer and the one audit entry stay on the caller's thread.
 */
@Service
class EligibilityService implements Eligibility, DisposableBean {

    static final int CHUNK = 5_000;
    /** Threads of the preparing pool: one per core. */
    static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final SubjectDirectory directory;
    private final MailingLists lists;
    private final Audience audience;
    private final ConsentGate gate;
    private final ProcessingRecord processing;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ThreadPoolExecutor preparing;

    EligibilityService(SubjectDirectory directory, MailingLists lists, Audience audience, ConsentGate gate,
            ProcessingRecord processing, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.directory = directory;
        this.lists = lists;
        this.audience = audience;
        this.gate = gate;
        this.processing = processing;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.preparing = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WORKERS),
                r -> {
                    Thread t = new Thread(r, "eligibility-prepare-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, (task, pool) -> task.run()); // pool busy (or closing): the caller prepares the chunk itself
        this.preparing.allowCoreThreadTimeOut(true);
    }

    @Override
    public void destroy() {
        preparing.shutdownNow();
    }

    @Override
    public long check(String purposeKey, List<String> emails, Consumer<EligibilityAnswer> sink) {
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
        boolean consentBased = processing.legalBasisOf(purposeKey) == LegalBasis.CONSENT;
        @Nullable String inForce = consentBased ? gate.inForceSql("m.subject_id") : null;
        String sql = statement(inForce);

        long[] counts = new long[2]; // answered, eligible
        Consumer<EligibilityAnswer> counting = answer -> {
            sink.accept(answer);
            counts[0]++;
            if (answer.eligible()) {
                counts[1]++;
            }
        };
        Outcome outcome = Outcome.FAILURE;
        Actor actor = Actors.current();
        // At most two chunks in flight: the one being answered here and the next one being prepared on the pool.
        Future<Prepared> next = prepare(actor, emails, 0);
        try {
            for (int from = 0; from < emails.size(); from += CHUNK) {
                Prepared chunk = await(next);
                if (from + CHUNK < emails.size()) {
                    next = prepare(actor, emails, from + CHUNK);
                }
                chunk(sql, asList, scopes, consentBased && inForce == null, chunk, counting);
            }
            outcome = Outcome.SUCCESS;
        } finally {
            next.cancel(true); // a call broken off (the client gone) does not leave its next chunk being hashed
            audit.record(AuditEvent.of("communications.eligibility.check", outcome).withPurpose(purposeKey)
                    .withTargets("addresses:" + counts[0], "eligible:" + counts[1]));
        }
        return counts[1];
    }

    /**
     * The chunk's one statement: per input hash, in input order, the facts the answer is decided from. A hash with
     * nothing to say (no suppression, no live subject: an unknown address) gives no row, so most of a typical chunk is
     * neither sent nor decoded (issue 28 item 6); its answer is UNKNOWN as before.
     */
    private String statement(@Nullable String inForce) {
        return """
                SELECT q.addr, s.reasons AS suppressed,
                       m.subject_id, m.kinds, m.email_purposes, m.email_hashes, m.restricted,
                       %s AS consented
                FROM unnest(CAST(:hashes AS bytea[]), CAST(:addrs AS int[])) WITH ORDINALITY AS q(hash, addr, ord)
                LEFT JOIN LATERAL (SELECT array_agg(cs.reason) AS reasons FROM communications_suppression cs
                                   WHERE cs.hash = q.hash AND cs.scope = ANY(CAST(:scopes AS text[]))) s ON true
                LEFT JOIN LATERAL (%s) m ON true
                WHERE s.reasons IS NOT NULL OR m.subject_id IS NOT NULL
                ORDER BY q.ord""".formatted(
                inForce == null ? "false" : "(m.subject_id IS NOT NULL AND " + inForce + ")",
                directory.emailMatchesSql("q.hash"));
    }

    /** What the chunk's statement says about one address. */
    private static final class Facts {
        Suppressions.@Nullable Reason suppressed;
        final List<Match> found = new ArrayList<>(1);
    }

    private record Match(DirectoryEntry entry, boolean restricted, boolean consented) {
    }

    /** A chunk's addresses with their hashes: every index key's hash of each address, with the address's position. */
    private record Prepared(List<String> emails, byte[][] hashes, Integer[] addrs) {
    }

    /** Hands the normalising and hashing of the chunk starting at {@code from} to the pool (or runs it, when full). */
    private Future<Prepared> prepare(Actor actor, List<String> all, int from) {
        List<String> emails = all.subList(from, Math.min(all.size(), from + CHUNK));
        Supplier<Prepared> work = () -> hashed(emails);
        return preparing.submit(() -> Actors.runAs(actor, work));
    }

    private Prepared hashed(List<String> emails) {
        List<byte[]> hashes = new ArrayList<>(emails.size());
        List<Integer> addrs = new ArrayList<>(emails.size());
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            for (byte[] hash : email == null ? List.<byte[]>of() : directory.emailIndexes(email)) {
                hashes.add(hash);
                addrs.add(i);
            }
        }
        return new Prepared(emails, hashes.toArray(byte[][]::new), addrs.toArray(Integer[]::new));
    }

    private static Prepared await(Future<Prepared> prepared) {
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while a chunk of the eligibility check was prepared", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException("A chunk of the eligibility check could not be prepared", e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("A chunk of the eligibility check was cancelled", e);
        }
    }

    private void chunk(String sql, MailingList asList, List<String> scopes, boolean askGate, Prepared prepared,
            Consumer<EligibilityAnswer> sink) {
        List<String> emails = prepared.emails();
        Facts[] facts = new Facts[emails.size()];
        if (prepared.hashes().length > 0) {
            jdbc.sql(sql).param("hashes", prepared.hashes()).param("addrs", prepared.addrs())
                    .param("scopes", scopes.toArray(String[]::new)).param("purpose", asList.purposeKey())
                    .param("now", JdbcTime.param(clock.instant()))
                    .query((ResultSet rs) -> {
                        read(rs, facts);
                    });
        }
        // A stand-in gate that cannot be embedded in SQL (tests only) is asked once for the chunk.
        Set<SubjectId> consented = askGate ? audience.consentedAmong(asList, matched(facts)) : Set.of();
        for (int i = 0; i < emails.size(); i++) {
            sink.accept(new EligibilityAnswer(emails.get(i), reason(asList, facts[i], consented)));
        }
    }

    private void read(ResultSet rs, Facts[] facts) throws SQLException {
        int addr = rs.getInt("addr");
        Facts f = facts[addr];
        if (f == null) {
            f = new Facts();
            facts[addr] = f;
        }
        java.sql.Array suppressed = rs.getArray("suppressed");
        for (String name : suppressed == null ? new String[0] : (String[]) suppressed.getArray()) {
            Suppressions.Reason r = Suppressions.Reason.valueOf(name);
            if (f.suppressed == null || r.ordinal() < f.suppressed.ordinal()) {
                f.suppressed = r;
            }
        }
        if (rs.getObject("subject_id") != null) {
            f.found.add(new Match(directory.matchedEntry(rs), rs.getBoolean("restricted"), rs.getBoolean("consented")));
        }
    }

    private static List<DirectoryEntry> matched(@Nullable Facts[] facts) {
        List<DirectoryEntry> entries = new ArrayList<>();
        for (Facts f : facts) {
            if (f != null) {
                f.found.forEach(m -> entries.add(m.entry()));
            }
        }
        return entries;
    }

    /**
     * The answer for one address: a suppression of the address itself first (objected, erased, bounced, in that
     * order), then unknown, then each subject found through {@link Audience#exclusion}: eligible if any subject may be
     * mailed, else objected before restricted before no consent.
     */
    private EligibilityReason reason(MailingList asList, @Nullable Facts facts, Set<SubjectId> consented) {
        if (facts != null && facts.suppressed != null) {
            return switch (facts.suppressed) {
                case OBJECTED -> EligibilityReason.OBJECTED;
                case ERASED -> EligibilityReason.ERASED;
                case BOUNCED -> EligibilityReason.BOUNCED;
            };
        }
        if (facts == null || facts.found.isEmpty()) {
            return EligibilityReason.UNKNOWN;
        }
        EligibilityReason best = EligibilityReason.NO_CONSENT;
        for (Match match : facts.found) {
            SubjectId id = match.entry().id();
            // The address's own suppression was answered above; the rule sees the subject's facts as read.
            Audience.Blocks blocks = new Audience.Blocks(Set.of(), Map.<ByteBuffer, Suppressions.Reason>of(),
                    match.restricted() ? Set.of(id) : Set.of(),
                    match.consented() || consented.contains(id) ? Set.of(id) : Set.of());
            Optional<Exclusion> exclusion = audience.exclusion(asList, match.entry(), blocks);
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
