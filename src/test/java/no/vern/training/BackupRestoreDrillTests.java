package no.vern.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import no.vern.crypto.Backups;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.shared.SubjectId;
import no.vern.shared.VernProblem;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * Backups that keep erasures (S26, GDPR Art. 17 with Art. 32(1)(c)): a backup taken before an
 * erasure, restored into a scratch database, does not bring the erased person back, because the
 * shred ledger is merged and replayed before anything is served. The security overview (plain
 * context: no virus scanner) shows every item, including that uploads are not scanned.
 */
@VernTest
class BackupRestoreDrillTests {

    @Autowired
    Backups backups;
    @Autowired
    SubjectRegister register;
    @Autowired
    MockMvc mvc;

    @TempDir
    Path dir;

    @Test
    void backupEraseRestoreReplayLeavesTheErasedPersonUnreadable() throws Exception {
        SubjectId kept = contact();
        SubjectId erased = contact();
        Path database = dir.resolve("database");
        Path keys = dir.resolve("keys");

        Backups.BackupReport backup = backups.backup(database, keys);
        assertThat(backup.keys()).isGreaterThanOrEqualTo(2);
        assertThat(Files.list(database)).noneMatch(p -> p.getFileName().toString().contains("subject_key"));
        assertThat(Files.readString(database.resolve("register_record.vbk"), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("kanarifugl.example"); // ciphertexts only

        register.erase(erased);
        Backups.DrillReport drill = backups.drill(database, keys);

        // The key of the subject erased after the backup came back with the key store and was destroyed again.
        assertThat(drill.restore().keys()).isEqualTo(backup.keys());
        assertThat(drill.restore().keysDestroyed()).isEqualTo(1);
        assertThat(drill.erasedStillReadable()).isZero();
        assertThat(drill.passed()).isTrue();
        assertThatThrownBy(() -> register.read(erased, "customer-administration")).isInstanceOf(VernProblem.class);
        assertThat(register.read(kept, "customer-administration").records()).isNotEmpty();
        assertThat(backups.lastBackup()).isPresent();
        assertThat(backups.lastDrill()).isPresent();
    }

    @Test
    void keysAndDatabaseMustGoToDifferentPlaces() {
        assertThatThrownBy(() -> backups.backup(dir, dir)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSecurityOverviewShowsEveryItemAndThatUploadsAreUnscanned() throws Exception {
        backups.backup(dir.resolve("d"), dir.resolve("k"));
        String html = mvc.perform(get("/console/security").with(user("revisor").roles("AUDITOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"encryption\"", "id=\"audit\"", "id=\"training\"", "id=\"access\"",
                "id=\"uploads\"", "id=\"backup\"", "id=\"drill\"");
        assertThat(html).containsAnyOf("opplastinger skannes ikke", "uploads are not scanned");
        assertThat(html).containsAnyOf("Hovednøkkel", "Master key");
        mvc.perform(get("/console/security").with(user("salg").roles("SALES"))).andExpect(status().isForbidden());
    }

    private SubjectId contact() {
        return register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration",
                Source.CUSTOMER, null, PersonalData.contact(Canaries.NAME,
                "drill." + java.util.UUID.randomUUID() + "@kanarifugl.example", null)));
    }
}
