package no.vern.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import no.vern.crypto.BlindIndex;
import no.vern.crypto.CryptoShredder;
import no.vern.crypto.SubjectCipher;
import no.vern.shared.SubjectId;

/** Key material never reaches the logs, not even at TRACE level (S15). */
@SpringBootTest
@AutoConfigureMockMvc // unused here: it shares one context with the audit and processing tests instead of starting its own
@ExtendWith(OutputCaptureExtension.class)
class CryptoLogsTest {

    private static final Pattern KEY_VALUE = Pattern.compile("\"value\"\\s*:\\s*\"([A-Za-z0-9+/=]{16,})\"");

    @Autowired
    SubjectCipher cipher;

    @Autowired
    CryptoShredder shredder;

    @Autowired
    BlindIndex blindIndex;

    @Autowired
    MasterKeyring master;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource ownerDataSource;

    @TempDir
    Path dir;

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void traceEverythingCrypto() {
        logging.setLogLevel("no.vern.crypto", LogLevel.TRACE);
        logging.setLogLevel("com.google.crypto.tink", LogLevel.TRACE);
    }

    @AfterEach
    void resetLevels() {
        logging.setLogLevel("no.vern.crypto", null);
        logging.setLogLevel("com.google.crypto.tink", null);
    }

    @Test
    void keyMaterialNeverAppearsInTheOutput(CapturedOutput output) {
        SubjectId subject = SubjectId.random();
        UUID record = UUID.randomUUID();
        KeysetFiles.Loaded generated = KeysetFiles.load("master", "VERN_MASTER_KEYSET", "", "", true,
                dir.resolve("keys/master-keyset.json"), CryptoLogsTest::generate);
        byte[] ciphertext = cipher.encryptText(subject, "email", record, "kari@example.no");
        cipher.decryptText(subject, "email", record, ciphertext);
        blindIndex.email("kari@example.no");
        byte[] wrapped = JdbcClient.create(ownerDataSource)
                .sql("SELECT wrapped FROM vern_keys.subject_key WHERE subject_id = :s").param("s", subject.value())
                .query(byte[].class).single();
        shredder.shred(subject);
        shredder.replayLedger();

        List<String> secrets = new ArrayList<>();
        secrets.addAll(keyValues(KeysetFiles.serialize(master.handle())));
        secrets.addAll(keyValues(KeysetFiles.serialize(generated.handle())));
        secrets.add(Base64.getEncoder().encodeToString(wrapped));
        secrets.add(HexFormat.of().formatHex(wrapped));
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(4);

        String logged = output.getAll();
        assertThat(logged).contains(subject.toString()); // the capture works: the shred was logged by id
        assertThat(logged).doesNotContain("\"keyData\"", "primaryKeyId", "type.googleapis.com", "kari@example.no");
        for (String secret : secrets) {
            assertThat(logged).doesNotContain(secret).doesNotContain(secret.substring(0, 16));
        }
    }

    private static List<String> keyValues(String keysetJson) {
        List<String> values = new ArrayList<>();
        Matcher m = KEY_VALUE.matcher(keysetJson);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static KeysetHandle generate() {
        try {
            return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
