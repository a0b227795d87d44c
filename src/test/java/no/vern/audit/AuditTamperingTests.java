package no.vern.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import no.vern.audit.AuditVerification.BrokenLink;
import no.vern.audit.AuditVerification.Reason;
import no.vern.audit.internal.TestAccess;
import no.vern.shared.Actor;

/**
 * The log is append-only for the application, and whatever a database superuser changes behind
 * its back is found by verification, which names the exact chain position (S15, S20).
 * Each tampering test restores what it changed, so the chain is whole again for the next test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditTamperingTests {

    private static final Actor TESTER = Actor.system("audit-tamper-test");

    @Autowired
    AuditLog log;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;
    @Autowired
    MeterRegistry meters;

    @Test
    void theApplicationRoleCannotUpdateAnEntry() {
        long id = sealedEntry().id();

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET action = 'audit.test.forged' WHERE id = :id")
                .param("id", id).update()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void theApplicationRoleCannotDeleteAnEntry() {
        long id = sealedEntry().id();

        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE id = :id").param("id", id).update())
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void theApplicationRoleCannotTruncateTheLog() {
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entry, audit_seal").update())
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void theApplicationRoleCannotRewriteASeal() {
        long seq = sealedEntry().chainSeq();

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_seal SET hash = prev_hash WHERE chain_seq = :seq")
                .param("seq", seq).update()).isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_seal WHERE chain_seq = :seq").param("seq", seq).update())
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void theTriggerRefusesAnUpdateEvenByTheOwner() throws SQLException {
        long id = sealedEntry().id();
        try (Connection c = owner.getConnection(); PreparedStatement update = c
                .prepareStatement("UPDATE audit_entry SET action = 'audit.test.forged' WHERE id = ?")) {
            update.setLong(1, id);
            assertThatThrownBy(update::executeUpdate).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void aSuperuserEditOfAnEntryIsFoundAtItsChainPosition() throws SQLException {
        Sealed entry = sealedEntry();
        sealedEntry(); // a later position, so the edited entry is inside the chain
        try (Connection c = superuser()) {
            exec(c, "UPDATE audit_entry SET action = 'audit.test.forged' WHERE id = " + entry.id());
            try {
                AuditVerification result = chain.verify();

                assertThat(result.ok()).isFalse();
                assertThat(result.firstBrokenLink())
                        .isEqualTo(new BrokenLink(entry.chainSeq(), entry.id(), Reason.ENTRY_MODIFIED));
                assertThat(result.entriesChecked()).isEqualTo(entry.chainSeq() - 1);
            } finally {
                exec(c, "UPDATE audit_entry SET action = 'audit.test.tamper' WHERE id = " + entry.id());
                release(c);
            }
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void aSuperuserDeleteOfAnEntryIsFoundAtItsChainPosition() throws SQLException {
        Sealed entry = sealedEntry();
        try (Connection c = superuser()) {
            exec(c, "CREATE TEMP TABLE saved_entry AS SELECT * FROM audit_entry WHERE id = " + entry.id());
            exec(c, "DELETE FROM audit_entry WHERE id = " + entry.id());
            try {
                AuditVerification result = chain.verify();

                assertThat(result.ok()).isFalse();
                assertThat(result.firstBrokenLink())
                        .isEqualTo(new BrokenLink(entry.chainSeq(), entry.id(), Reason.ENTRY_DELETED));
            } finally {
                exec(c, "INSERT INTO audit_entry SELECT * FROM saved_entry");
                exec(c, "DROP TABLE saved_entry");
                release(c);
            }
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void aSuperuserDeleteOfASealIsFoundAsAGapInTheChain() throws SQLException {
        Sealed entry = sealedEntry();
        sealedEntry(); // a later position, so the deleted seal is inside the chain, not its end
        try (Connection c = superuser()) {
            exec(c, "CREATE TEMP TABLE saved_seal AS SELECT * FROM audit_seal WHERE chain_seq = " + entry.chainSeq());
            exec(c, "DELETE FROM audit_seal WHERE chain_seq = " + entry.chainSeq());
            try {
                AuditVerification result = chain.verify();

                assertThat(result.ok()).isFalse();
                assertThat(result.firstBrokenLink())
                        .isEqualTo(new BrokenLink(entry.chainSeq(), null, Reason.SEQUENCE_GAP));
            } finally {
                exec(c, "INSERT INTO audit_seal SELECT * FROM saved_seal");
                exec(c, "DROP TABLE saved_seal");
                release(c);
            }
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void aSuperuserEditOfASealIsFoundAtItsChainPosition() throws SQLException {
        Sealed entry = sealedEntry();
        try (Connection c = superuser()) {
            exec(c, "CREATE TEMP TABLE saved_seal AS SELECT * FROM audit_seal WHERE chain_seq = " + entry.chainSeq());
            exec(c, "UPDATE audit_seal SET prev_hash = sha256(prev_hash) WHERE chain_seq = " + entry.chainSeq());
            try {
                AuditVerification result = chain.verify();

                assertThat(result.ok()).isFalse();
                assertThat(result.firstBrokenLink())
                        .isEqualTo(new BrokenLink(entry.chainSeq(), entry.id(), Reason.SEAL_MODIFIED));
            } finally {
                exec(c, "UPDATE audit_seal SET prev_hash = (SELECT prev_hash FROM saved_seal) WHERE chain_seq = "
                        + entry.chainSeq());
                exec(c, "DROP TABLE saved_seal");
                release(c);
            }
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void aSuperuserRewriteOfASealsHashIsToldApartFromAnEntryEdit() throws SQLException {
        Sealed entry = sealedEntry();
        sealedEntry(); // the next seal still chains from the true hash
        try (Connection c = superuser()) {
            exec(c, "CREATE TEMP TABLE saved_seal AS SELECT * FROM audit_seal WHERE chain_seq = " + entry.chainSeq());
            exec(c, "UPDATE audit_seal SET hash = sha256(hash) WHERE chain_seq = " + entry.chainSeq());
            try {
                AuditVerification result = chain.verify();

                assertThat(result.firstBrokenLink())
                        .isEqualTo(new BrokenLink(entry.chainSeq(), entry.id(), Reason.SEAL_MODIFIED));
            } finally {
                exec(c, "UPDATE audit_seal SET hash = (SELECT hash FROM saved_seal) WHERE chain_seq = "
                        + entry.chainSeq());
                exec(c, "DROP TABLE saved_seal");
                release(c);
            }
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void cuttingOffTheEndOfTheChainIsFoundByTheCheckpoint() throws SQLException {
        sealedEntry();
        try (Connection c = superuser()) {
            long last = jdbc.sql("SELECT max(chain_seq) FROM audit_seal").query(Long.class).single();
            exec(c, "CREATE TEMP TABLE saved_seal AS SELECT * FROM audit_seal WHERE chain_seq = " + last);
            exec(c, "DELETE FROM audit_seal WHERE chain_seq = " + last);
            try {
                AuditVerification result = chain.verify();

                assertThat(result.ok()).isFalse();
                assertThat(result.firstBrokenLink().chainSeq()).isEqualTo(last);
                assertThat(result.firstBrokenLink().reason()).isEqualTo(Reason.CHECKPOINT_MISMATCH);
            } finally {
                exec(c, "INSERT INTO audit_seal SELECT * FROM saved_seal");
                exec(c, "DROP TABLE saved_seal");
                release(c);
            }
        }
        assertThat(chain.verify().ok()).isTrue();
    }

    @Test
    void aBrokenChainRaisesTheBrokenGaugeUntilItVerifiesAgain() throws SQLException {
        Sealed entry = sealedEntry();
        try (Connection c = superuser()) {
            exec(c, "UPDATE audit_entry SET outcome = 'DENIED' WHERE id = " + entry.id());
            try {
                chain.verify();
                assertThat(meters.get("vern.audit.chain.broken").gauge().value()).isEqualTo(1.0);
                assertThat(chain.recentVerifications(1).get(0).firstBrokenLink().chainSeq())
                        .isEqualTo(entry.chainSeq());
            } finally {
                exec(c, "UPDATE audit_entry SET outcome = 'SUCCESS' WHERE id = " + entry.id());
                release(c);
            }
        }
        assertThat(chain.verify().ok()).isTrue();
        assertThat(meters.get("vern.audit.chain.broken").gauge().value()).isZero();
    }

    @Test
    void anEntryLeftUnsealedForMoreThanAMinuteIsReportedOverdue() throws SQLException {
        try (Connection c = superuser()) {
            // The sealing lock is held, so this entry from five minutes ago cannot be sealed yet.
            exec(c, """
                    INSERT INTO audit_entry (id, occurred_at, actor, action, outcome)
                    VALUES (nextval('audit_entry_id_seq'), now() - interval '5 minutes', 'system:audit-tamper-test',
                            'audit.test.stuck', 'SUCCESS')
                    """);
            try {
                AuditVerification result = chain.verify();

                assertThat(result.ok()).isTrue();
                assertThat(result.unsealedOverdue()).isPositive();
            } finally {
                release(c);
            }
        }
        chain.sealPending();
        assertThat(chain.verify().unsealedOverdue()).isZero();
    }

    /** An entry of this test, sealed, with its id and chain position. */
    private record Sealed(long id, long chainSeq) {
    }

    private Sealed sealedEntry() {
        String target = "case:" + UUID.randomUUID();
        log.record(AuditEvent.by(TESTER, "audit.test.tamper", Outcome.SUCCESS).withTargets(target));
        chain.sealPending();
        return jdbc.sql("""
                SELECT e.id, s.chain_seq FROM audit_entry e JOIN audit_seal s ON s.entry_id = e.id
                WHERE e.targets @> ARRAY[CAST(:t AS text)]
                """).param("t", target).query((rs, i) -> new Sealed(rs.getLong("id"), rs.getLong("chain_seq")))
                .single();
    }

    /**
     * An owner connection that bypasses triggers, as a database superuser could. It also holds the
     * sealer's lock, so that no seal is appended (or an unsealed entry re-sealed) while we tamper.
     */
    private Connection superuser() throws SQLException {
        Connection c = owner.getConnection();
        c.setAutoCommit(true);
        exec(c, "SELECT pg_advisory_lock(" + TestAccess.sealerLockKey() + ")");
        exec(c, "SET session_replication_role = replica");
        return c;
    }

    private static void release(Connection c) throws SQLException {
        exec(c, "SET session_replication_role = origin");
        exec(c, "SELECT pg_advisory_unlock_all()");
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
