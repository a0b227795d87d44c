package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import no.vern.audit.AuditEvent;
import no.vern.audit.Outcome;
import no.vern.processing.SubjectKind;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * With a {@link ConsentGate} (as the consent module will provide), consent-based data is stored
 * once consent exists, and refused again once it is withdrawn (S4, S5).
 */
@VernTest
@Import(RegisterConsentGateTest.Gate.class)
class RegisterConsentGateTest {

    @TestConfiguration(proxyBeanMethods = false)
    static class Gate {

        static final Set<String> GIVEN = ConcurrentHashMap.newKeySet();

        @Bean
        ConsentGate testConsentGate() {
            return (subject, purpose) -> GIVEN.contains(subject + "/" + purpose);
        }
    }

    @Autowired
    SubjectRegister register;
    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;
    @Autowired
    no.vern.identity.ApiTokens tokens;

    @Test
    void aCvFileIsUploadedAndReadBackThroughTheApiForItsPurposeOnly() throws Exception {
        SubjectId id = SubjectId.random();
        Gate.GIVEN.add(id + "/recruitment");
        register.register(new NewSubject(id, Set.of(SubjectKind.CANDIDATE), "recruitment", Source.SUBJECT, null,
                PersonalData.contact(Canaries.NAME, null, null)));
        String bearer = no.vern.support.Tokens.bearer(tokens, no.vern.identity.ApiScope.SUBJECTS_READ,
                no.vern.identity.ApiScope.SUBJECTS_WRITE);

        String created = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/v1/subjects/" + id + "/attachments").header("Authorization", bearer)
                .header("Vern-Purpose", "recruitment").contentType("application/pdf").content("%PDF-cv".getBytes()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isCreated())
                .andReturn().getResponse().getHeader("Location");

        byte[] read = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(created)
                .header("Authorization", bearer).header("Vern-Purpose", "recruitment"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(read)).isEqualTo("%PDF-cv");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(created)
                .header("Authorization", bearer).header("Vern-Purpose", "talent-pool"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound());
    }

    @Test
    void aCandidateWithConsentIsStoredAndACvCanBeAttachedAndReadBack() {
        SubjectId id = SubjectId.random();
        Gate.GIVEN.add(id + "/recruitment");

        register.register(new NewSubject(id, Set.of(SubjectKind.CANDIDATE), "recruitment", Source.SUBJECT, null,
                new PersonalData(Canaries.NAME, Canaries.EMAIL, null, null, null, null, "Java, 10 år", null)));
        var attachment = register.attach(id, "recruitment", "application/pdf", "%PDF-kanari".getBytes());

        assertThat(register.read(id, "recruitment").value("cv")).contains("Java, 10 år");
        assertThat(register.attachment(id, attachment, "recruitment")).hasValueSatisfying(
                bytes -> assertThat(new String(bytes)).isEqualTo("%PDF-kanari"));
        assertThat(register.attachment(id, attachment, "talent-pool")).isEmpty();
    }

    @Test
    void consentForOnePurposeDoesNotCoverAnother() {
        SubjectId id = SubjectId.random();
        Gate.GIVEN.add(id + "/recruitment");
        assertThatThrownBy(() -> register.register(new NewSubject(id, Set.of(SubjectKind.CANDIDATE), "talent-pool",
                Source.SUBJECT, null, PersonalData.contact(Canaries.NAME, null, null))))
                .isInstanceOf(ConsentRequired.class);
    }

    @Test
    void aWithdrawnConsentStopsTheNextWrite() {
        SubjectId id = SubjectId.random();
        Gate.GIVEN.add(id + "/prospect-dialogue");
        register.register(new NewSubject(id, Set.of(SubjectKind.PROSPECT), "prospect-dialogue", Source.SUBJECT, null,
                PersonalData.contact(Canaries.NAME, null, null)));
        Gate.GIVEN.remove(id + "/prospect-dialogue");

        assertThatThrownBy(() -> register.update(id, 1, new SubjectUpdate("prospect-dialogue", Source.SUBJECT, null,
                null, PersonalData.contact(null, null, Canaries.PHONE)))).isInstanceOf(ConsentRequired.class);
        assertThat(register.eraseRecords(id, "prospect-dialogue")).isEqualTo(1);
        assertThat(register.read(id, "prospect-dialogue").records()).isEmpty();
    }

    @Test
    void aLookupForAConsentCheckAsksAGateWithoutSqlForEverySubjectFound() {
        // S4, S5: a gate that cannot be embedded in the lookup's statement (this stand-in) is still asked, once for all.
        SubjectId with = SubjectId.random();
        SubjectId without = SubjectId.random();
        String email = Canaries.uniqueEmail();
        Gate.GIVEN.add(with + "/prospect-dialogue");
        Gate.GIVEN.add(without + "/prospect-dialogue");
        for (SubjectId id : List.of(with, without)) {
            register.register(new NewSubject(id, Set.of(SubjectKind.PROSPECT), "prospect-dialogue", Source.SUBJECT, null,
                    PersonalData.contact(Canaries.NAME, email, null)));
        }
        Gate.GIVEN.remove(without + "/prospect-dialogue");

        List<GatedSubject> found = Actors.runAs(Actor.system("consent-check"), () -> register.findByEmailWithConsent(
                email, "prospect-dialogue", AuditEvent.of("consent.check", Outcome.SUCCESS).withPurpose("prospect-dialogue")));

        assertThat(found).extracting(g -> g.subject().id(), GatedSubject::consentInForce)
                .containsExactlyInAnyOrder(tuple(with, true), tuple(without, false));
    }
}
