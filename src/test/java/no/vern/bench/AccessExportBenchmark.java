package no.vern.bench;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.requests.AccessExport;
import no.vern.requests.NewRequest;
import no.vern.requests.RequestCase;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestKind;
import no.vern.requests.Requests;

/**
 * The access export (GDPR Art. 15) of one loaded subject, in-process: an access case is received for the subject's
 * address through {@link Requests#receive}, then each call builds the export from the register (everything held under
 * the address in one purpose-aware, decrypting statement for every purpose of the record of processing, audited as the
 * export's one entry, explained from the record) and renders it as
 * the JSON download, in one transaction as the privacy center's download does; against a raw SQL select of the same
 * subject's rows from {@code register_record}. The export builder is package-private in {@code requests.internal},
 * so the harness reaches it reflectively (the same bean the download uses). Same load shape for both;
 * {@code rounds} interleaved rounds, averaged.
 */
final class AccessExportBenchmark implements Benchmark {

    /** Subject 3 of the synthetic register: name, email, phone and three purchase-history records. */
    private static final int SUBJECT = 3;
    private static final String RAW = """
            SELECT id, category, ciphertext, source, purposes, legal_basis, collected_at, confirmed_at
              FROM register_record WHERE subject_id = ?
            """;

    @Override
    public String name() {
        return "access export";
    }

    @Override
    public List<Figure> run(BenchContext c) throws Exception {
        Requests requests = c.bean(Requests.class);
        JdbcTemplate jdbc = new JdbcTemplate(c.bean(DataSource.class));
        TransactionTemplate tx = new TransactionTemplate(c.bean(PlatformTransactionManager.class));
        Class<?> type = Class.forName("no.vern.requests.internal.AccessExports");
        Object exports = c.bean(type);
        Method build = type.getDeclaredMethod("build", RequestCase.class);
        Method json = type.getDeclaredMethod("json", AccessExport.class);
        build.setAccessible(true);
        json.setAccessible(true);

        RequestCase theCase = requests.receive(new NewRequest(RequestKind.ACCESS, RequestChannel.WEB_FORM,
                SyntheticRegister.email(Math.min(SUBJECT, c.subjects() - 1)), null, Locale.forLanguageTag("nb"), null))
                .request();
        if (!theCase.inRegister()) {
            throw new IllegalStateException("the access case did not find the loaded subject");
        }
        UUID subject = theCase.subject().value();
        // Correctness first: the export holds exactly the subject's rows.
        int rows = jdbc.queryForList(RAW, subject).size();
        AccessExport first = (AccessExport) invoke(build, exports, theCase);
        byte[] document = (byte[]) invoke(json, exports, first);
        if (first.data().size() != rows || rows == 0) {
            throw new IllegalStateException("the export holds " + first.data().size() + " data, the register " + rows
                    + " rows");
        }

        List<Load.Result> export = new ArrayList<>();
        List<Load.Result> raw = new ArrayList<>();
        double exportCpu = 0;
        double rawCpu = 0;
        for (int r = 0; r < c.rounds(); r++) {
            Load.Measured measured = c.load().run((t, i) -> {
                // One transaction around build and render, as PrivacyCenterService.download has.
                byte[] bytes = tx.execute(s -> {
                    try {
                        return (byte[]) invoke(json, exports, invoke(build, exports, theCase));
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                if (bytes == null || bytes.length == 0) {
                    throw new IllegalStateException("empty export");
                }
            }, () -> RegisterWriteBenchmark.cpuMillis(c));
            export.add(measured.result());
            exportCpu += measured.cpuMillisPerCall();
            Load.Measured select = c.load().run((t, i) -> {
                if (jdbc.queryForList(RAW, subject).size() != rows) {
                    throw new IllegalStateException("raw select lost rows");
                }
            }, () -> RegisterWriteBenchmark.cpuMillis(c));
            raw.add(select.result());
            rawCpu += select.cpuMillisPerCall();
        }
        Load.Result e = ConsentCheckBenchmark.mean(export);
        Load.Result j = ConsentCheckBenchmark.mean(raw);
        String shape = c.load().describe() + ", " + c.rounds() + " round(s)";
        String what = String.format(Locale.ROOT, "%d rows, JSON of %,d bytes; in-process build + JSON render in one transaction", rows,
                document.length);
        return List.of(
                Figure.of("access export vs raw sql", e.p50Millis(), "ms",
                        "raw SQL select p50", j.p50Millis(), false, what + "; " + shape + "; goal <= 3x"),
                new Figure("access export throughput", e.perSecond(), "exports/s", "raw SQL selects of the same rows",
                        j.perSecond(), "selects/s", true, "each export is audited"),
                Figure.of("access export CPU per export", exportCpu / c.rounds(), "ms", "raw SQL select CPU per select",
                        rawCpu / c.rounds(), false, RegisterWriteBenchmark.CPU_NOTE));
    }

    private static Object invoke(Method method, Object target, Object argument) throws Exception {
        try {
            return method.invoke(target, argument);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
