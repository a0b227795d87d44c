package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.shared.SubjectId;

/** The admin action {@code POST /api/v1/crypto/shred-replay}, and the replay that runs at every start. */
@SpringBootTest
@AutoConfigureMockMvc // unused here: it shares one context with the audit and processing tests instead of starting its own
class ShredReplayEndpointTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ApiTokens tokens;

    @Autowired
    SubjectCipher cipher;

    @Autowired
    CryptoShredder shredder;

    @Autowired
    ShredReplayAtStartup startupReplay;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
    }

    @Test
    void eraseScopeReplaysTheLedgerAndGetsTheCount() throws Exception {
        SubjectId subject = restoredAfterShred();
        String token = tokens.issue("replay-" + UUID.randomUUID(), Set.of(ApiScope.SUBJECTS_ERASE), null).secret();

        mvc.perform(post("/api/v1/crypto/shred-replay").header("Authorization", "Bearer " + token))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.destroyed").isNumber());

        assertThat(keyCount(subject)).isZero();
    }

    @Test
    void anotherScopeIsForbidden() throws Exception {
        String token = tokens.issue("read-" + UUID.randomUUID(), Set.of(ApiScope.SUBJECTS_READ), null).secret();

        mvc.perform(post("/api/v1/crypto/shred-replay").header("Authorization", "Bearer " + token))
                .andExpect(status().isForbidden());
    }

    @Test
    void withoutATokenTheReplayIsUnauthorized() throws Exception {
        mvc.perform(post("/api/v1/crypto/shred-replay")).andExpect(status().isUnauthorized());
    }

    @Test
    void startupReplayDestroysKeysThatCameBackWithARestore() {
        SubjectId subject = restoredAfterShred();

        startupReplay.afterSingletonsInstantiated(); // what every start runs before the web server

        assertThat(keyCount(subject)).isZero();
        assertThat(startupReplay.destroyed()).isGreaterThanOrEqualTo(1);
    }

    /** A subject shredded, then its key row put back as a restore of an older backup would. */
    private SubjectId restoredAfterShred() {
        SubjectId subject = SubjectId.random();
        cipher.ensureKey(subject);
        JdbcClient owner = JdbcClient.create(ownerDataSource);
        Map<String, Object> row = owner.sql("SELECT * FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query().singleRow();
        shredder.shred(subject);
        owner.sql("""
                INSERT INTO vern_keys.subject_key (subject_id, key_id, wrapped, master_key_id, created_at, rewrapped_at)
                VALUES (:subject_id, :key_id, :wrapped, :master_key_id, :created_at, :rewrapped_at)
                """).paramSource(row).update();
        assertThat(keyCount(subject)).isOne();
        return subject;
    }

    private long keyCount(SubjectId subject) {
        return JdbcClient.create(ownerDataSource).sql("SELECT count(*) FROM vern_keys.subject_key WHERE subject_id = :s")
                .param("s", subject.value()).query(Long.class).single();
    }
}
