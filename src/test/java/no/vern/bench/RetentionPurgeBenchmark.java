package no.vern.bench;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.OrganisationInput;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.retention.PurgeRun;
import no.vern.retention.Purges;
import no.vern.retention.RetentionClock;
import no.vern.shared.SubjectId;

/**
 * The retention purge ({@link Purges#purge}: plan the rows whose due date has come, then per due item delete the records,
 * audit, and crypto-shred the subject when nothing is left) of {@code vern.bench.purge-subjects} customer contacts
 * (default 500; name, email and phone held for customer administration) of one organisation whose agreement
 * ended 120 days ago (rule: agreement + 3 months), against a plain
 * {@code DELETE FROM register_record WHERE subject_id = ANY(...)} of an identical set of contacts of another
 * organisation, in subjects per second. The purge deletes whatever else is due, so what was due before is
 * counted and reported; the records it deleted must equal the DELETE's row count unless something else was due.
 * Measured twice (issue 28 item 8): at a tenth of the register ({@link #small}, taken by {@link BenchMain} between the
 * two load steps) and at the full register; the figure {@code purge 500 due 100k vs 10k} is their ratio. Each measured
 * purge follows an unmeasured priming purge of {@code vern.bench.purge-priming} (250) contacts of a third organisation,
 * whose rate and CPU are printed beside; the measured purge's plan also reads those erased subjects' due rows once more
 * (their erasure marked them) and forgets them, as a nightly purge does with the night before's.
 */
final class RetentionPurgeBenchmark implements Benchmark {

    private static final String PURPOSE = "customer-administration";

    private final int contacts;
    private final int priming;

    /**
     * @param contacts the contacts due in each measured purge
     * @param priming contacts of another organisation purged just before each measured purge and not measured (0:
     *        none). The measured purge is then not the run's first at that size: the first of a run spends much of its
     *        time in the JIT compilers, which a node that purges every night did once, long before (issue 28 item 8).
     */
    RetentionPurgeBenchmark(int contacts, int priming) {
        this.contacts = contacts;
        this.priming = priming;
    }

    @Override
    public String name() {
        return "retention purge";
    }

    /** One measurement: the purge of the due contacts and the plain DELETE of as many, at one register size. */
    private record Measured(int register, double purgeSeconds, PurgeRun run, double deleteSeconds, int deleted,
            int dueBefore, double settleSeconds, double purgeCpuSeconds, Primed primed) {
    }

    /** The priming purge before a measured one: how many contacts, its seconds and CPU seconds (0 contacts: none). */
    private record Primed(int contacts, double seconds, double cpuSeconds) {

        String describe() {
            return contacts == 0 ? "no priming purge before it"
                    : String.format(Locale.ROOT, "after a priming purge of %d other contacts (%.0f subjects/s, CPU %.2f s;"
                            + " not measured)", contacts, contacts / seconds, cpuSeconds);
        }
    }

    private @org.jspecify.annotations.Nullable Measured small;

    /** The small figure, taken by {@link BenchMain} when a tenth of the register is loaded. */
    void small(BenchContext c, int register) throws Exception {
        small = measure(c, register);
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        Measured large = measure(c, c.subjects());
        List<Figure> figures = new ArrayList<>();
        figures.add(Figure.of(String.format(Locale.ROOT, "retention purge of %,d contacts vs plain DELETE",
                contacts), contacts / large.purgeSeconds(), "subjects/s", "DELETE FROM register_record WHERE subject_id = ANY",
                contacts / large.deleteSeconds(), true, String.format(Locale.ROOT,
                        "purge %.2f s (plans only the due rows: %,d items, %,d records deleted, subjects crypto-shredded,"
                                + " audited), DELETE %.3f s (%,d rows); %d item(s) were due before; the plan before it"
                                + " (due dates of the %,d bulk-loaded subjects settled) took %.2f s; CPU of the purge %.2f s"
                                + " (%s); %s; goal >= 1,000 subjects/s",
                        large.purgeSeconds(), large.run().due(), large.run().done(), large.deleteSeconds(), large.deleted(),
                        large.dueBefore(), large.register(), large.settleSeconds(), large.purgeCpuSeconds(),
                        RegisterWriteBenchmark.CPU_NOTE, large.primed().describe())));
        Measured s = small;
        if (s != null) {
            figures.add(Figure.of("purge " + contacts + " due " + size(large.register()) + " vs " + size(s.register()),
                    large.purgeSeconds(), "s", contacts + " due among " + size(s.register()), s.purgeSeconds(), false,
                    String.format(Locale.ROOT, "Purges.purge() of %d contacts due after an ended agreement, register of "
                            + "%,d vs %,d subjects (loaded in two steps); %.0f vs %.0f subjects/s; CPU %.2f vs %.2f s;"
                            + " each %s; goal <= 1.2x",
                            contacts, large.register(), s.register(), contacts / large.purgeSeconds(),
                            contacts / s.purgeSeconds(), large.purgeCpuSeconds(), s.purgeCpuSeconds(),
                            s.primed().contacts() == 0 ? "without a priming purge"
                                    : "measured " + s.primed().describe() + " [small], "
                                            + large.primed().describe() + " [large]")));
        }
        return figures;
    }

    private static String size(int n) {
        return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n % 1_000 == 0 ? n / 1_000 + "k" : String.valueOf(n);
    }

    private Measured measure(BenchContext c, int registerSize) throws Exception {
        SubjectRegister register = c.bean(SubjectRegister.class);
        Purges purges = c.bean(Purges.class);
        RetentionClock clock = c.bean(RetentionClock.class);
        JdbcTemplate jdbc = new JdbcTemplate(c.bean(DataSource.class));

        String ended = orgNumber();
        String running = orgNumber();
        if (ended.equals(running)) {
            running = orgNumber();
        }
        List<SubjectId> purged = contacts(register, "Bench Purge AS", ended, "purge", contacts);
        List<SubjectId> baseline = contacts(register, "Bench Delete AS", running, "delete", contacts);
        String primingOrg = orgNumber();
        while (primingOrg.equals(ended) || primingOrg.equals(running)) {
            primingOrg = orgNumber();
        }
        List<SubjectId> primed = contacts(register, "Bench Priming AS", primingOrg, "prime", priming);
        if (!purges.realRunsAllowed()) {
            purges.approve(purges.dryRun().id());
        }
        // The bulk loader's rows were marked by the database at write time like any write: one plan settles their
        // due dates (the first plan after a load reads them all), then only what is due is read.
        long s0 = System.nanoTime();
        int dueBefore = purges.dueNow().size();
        double settleSeconds = (System.nanoTime() - s0) / 1e9;
        Primed primedRun = new Primed(0, 0, 0);
        if (!primed.isEmpty()) {
            clock.agreementEnded(primingOrg, Instant.now().minus(Duration.ofDays(120)));
            double pc0 = RegisterWriteBenchmark.cpuMillis(c);
            long p0 = System.nanoTime();
            PurgeRun primingRun = purges.purge();
            primedRun = new Primed(primed.size(), (System.nanoTime() - p0) / 1e9,
                    (RegisterWriteBenchmark.cpuMillis(c) - pc0) / 1e3);
            if (!"DONE".equals(primingRun.status())) {
                throw new IllegalStateException("the priming purge ended " + primingRun.status());
            }
        }
        clock.agreementEnded(ended, Instant.now().minus(Duration.ofDays(120)));

        PurgeStatements statements = PurgeStatements.start(c);
        double cpu0 = RegisterWriteBenchmark.cpuMillis(c);
        long t0 = System.nanoTime();
        PurgeRun run = purges.purge();
        double purgeSeconds = (System.nanoTime() - t0) / 1e9;
        double purgeCpuSeconds = (RegisterWriteBenchmark.cpuMillis(c) - cpu0) / 1e3;
        if (statements != null) {
            statements.print(String.format(Locale.ROOT, "purge of %d due at %,d subjects, %.2f s", contacts,
                    registerSize, purgeSeconds));
        }
        if (!"DONE".equals(run.status())) {
            throw new IllegalStateException("the purge ended " + run.status());
        }
        UUID[] purgedIds = uuids(purged);
        Integer left = jdbc.execute((ConnectionCallback<Integer>) con -> {
            try (PreparedStatement ps = con.prepareStatement(
                    "SELECT count(*) FROM register_record r JOIN register_subject s ON s.id = r.subject_id "
                            + "WHERE r.subject_id = ANY(?) AND s.erased_at IS NULL")) {
                ps.setArray(1, con.createArrayOf("uuid", purgedIds));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
        if (left == null || left != 0) {
            throw new IllegalStateException("the purge left " + left + " records of its contacts");
        }

        UUID[] ids = uuids(baseline);
        long t1 = System.nanoTime();
        Integer deleted = jdbc.execute((ConnectionCallback<Integer>) con -> {
            try (PreparedStatement ps = con.prepareStatement(
                    "DELETE FROM register_record WHERE subject_id = ANY(?)")) {
                ps.setArray(1, con.createArrayOf("uuid", ids));
                return ps.executeUpdate();
            }
        });
        double deleteSeconds = (System.nanoTime() - t1) / 1e9;
        if (deleted == null || deleted != 3 * contacts) {
            throw new IllegalStateException("the DELETE removed " + deleted + " rows, expected " + 3 * contacts);
        }
        return new Measured(registerSize, purgeSeconds, run, deleteSeconds, deleted, dueBefore, settleSeconds,
                purgeCpuSeconds, primedRun);
    }

    /** Customer contacts of one organisation: name, email and phone, held for customer administration. */
    private static List<SubjectId> contacts(SubjectRegister register, String company, String orgNumber, String tag,
            int count) {
        List<SubjectId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), PURPOSE,
                    Source.CUSTOMER, new OrganisationInput(company, orgNumber, null),
                    PersonalData.contact("Bench Kontakt " + i, tag + "." + i + "." + orgNumber + "@kunde.example",
                            String.format(Locale.ROOT, "+479%07d", i)))));
        }
        return ids;
    }

    private static UUID[] uuids(List<SubjectId> ids) {
        return ids.stream().map(SubjectId::value).toArray(UUID[]::new);
    }

    /** A random valid Norwegian organisation number (nine digits, mod-11 check digit). */
    static String orgNumber() {
        int[] weights = { 3, 2, 7, 6, 5, 4, 3, 2 };
        while (true) {
            int[] d = new int[8];
            d[0] = 8 + ThreadLocalRandom.current().nextInt(2);
            int sum = d[0] * weights[0];
            for (int i = 1; i < 8; i++) {
                d[i] = ThreadLocalRandom.current().nextInt(10);
                sum += d[i] * weights[i];
            }
            int check = 11 - sum % 11;
            if (check == 10) {
                continue;
            }
            StringBuilder s = new StringBuilder();
            for (int x : d) {
                s.append(x);
            }
            return s.append(check == 11 ? 0 : check).toString();
        }
    }
}
