package no.vern.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.communications.Eligibility;
import no.vern.crypto.BlindIndex;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.support.VernTest;

/**
 * Rough measurement for issue 7 (no timed assertions): the eligibility check of many addresses in
 * calls of 100,000, against a raw SQL anti-join of the same addresses' blind-index hashes (computed in
 * Java, loaded with one array parameter) with the register's blind index. Skipped unless
 * {@code -Dvern.bench=true}; sizes with {@code -Dvern.bench.addresses} (default 1,000,000) and
 * {@code -Dvern.bench.known} (default 2,000 registered subscribers).
 */
@VernTest
@EnabledIfSystemProperty(named = "vern.bench", matches = "true")
class EligibilityBenchmark {

    private final int addresses = Integer.getInteger("vern.bench.addresses", 1_000_000);
    private final int known = Integer.getInteger("vern.bench.known", 2_000);

    @Autowired
    SubjectRegister register;
    @Autowired
    Eligibility eligibility;
    @Autowired
    BlindIndex blindIndex;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    @Test
    void measure() throws Exception {
        for (int i = 0; i < known; i++) {
            register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-newsletter", Source.SUBJECT,
                    null, PersonalData.contact("Bench Leser", address(i), null)));
        }
        List<String> all = new ArrayList<>(addresses);
        for (int i = 0; i < addresses; i++) {
            all.add(address(i));
        }
        // warm-up
        eligibility.check("customer-newsletter", all.subList(0, Math.min(10_000, all.size())));

        long t0 = System.nanoTime();
        long eligible = 0;
        for (int from = 0; from < all.size(); from += Eligibility.MAX_ADDRESSES) {
            eligible += eligibility.check("customer-newsletter", all.subList(from, Math.min(all.size(), from + Eligibility.MAX_ADDRESSES)))
                    .stream().filter(a -> a.eligible()).count();
        }
        double vernSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        long unknown = 0;
        for (int from = 0; from < all.size(); from += Eligibility.MAX_ADDRESSES) {
            byte[][] hashes = all.subList(from, Math.min(all.size(), from + Eligibility.MAX_ADDRESSES)).stream()
                    .map(e -> blindIndex.email(e)).toArray(byte[][]::new);
            unknown += JdbcClient.create(owner).sql("""
                    SELECT count(*) FROM unnest(:h) AS a(hash)
                    WHERE NOT EXISTS (SELECT 1 FROM register_blind_index b WHERE b.kind = 'email' AND b.hash = a.hash)""")
                    .param("h", hashes).query(Long.class).single();
        }
        double sqlSeconds = (System.nanoTime() - t1) / 1e9;

        String line = LocalDate.now() + " (" + Runtime.getRuntime().availableProcessors() + " cores) eligibility of "
                + all.size() + " addresses (" + known + " registered): Vern " + String.format("%.1f", vernSeconds) + " s ("
                + Math.round(all.size() / vernSeconds) + "/s, " + eligible + " eligible); raw SQL anti-join of the hashes "
                + String.format("%.1f", sqlSeconds) + " s (" + unknown + " unknown)\n";
        Files.writeString(Path.of("target/eligibility-bench.txt"), line);
        System.out.print(line);
    }

    private static String address(int i) {
        return "bench" + i + "@benk.example.no";
    }
}
