package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * Without a consent module no consent exists, so the register refuses everything consent-based in
 * its own write path (S4, S5, GDPR Art. 6(1)(a) and 7(1)); refusals are audited.
 */
@VernTest
class RegisterConsentTest {

    @Autowired
    SubjectRegister register;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aCandidateIsRefusedWithoutConsentAndNothingIsStored() {
        SubjectId id = SubjectId.random();
        assertThatThrownBy(() -> register.register(new NewSubject(id, Set.of(SubjectKind.CANDIDATE), "recruitment",
                Source.SUBJECT, null, PersonalData.contact(Canaries.NAME, Canaries.EMAIL, null))))
                .isInstanceOf(ConsentRequired.class).hasMessageContaining(id.toString())
                .hasMessageNotContaining(Canaries.NAME).hasMessageNotContaining(Canaries.EMAIL);

        assertThat(jdbc.sql("SELECT count(*) FROM register_subject WHERE id = :id").param("id", id.value())
                .query(Long.class).single()).isZero();
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.create", "DENIED", id)).isOne();
    }

    @Test
    void aConsentBasedPurposeIsRefusedEvenForACustomerContact() {
        SubjectId id = register.register(RegisterTestSupport.contact(SubjectKind.CUSTOMER_CONTACT,
                "customer-administration", "consent." + UUID.randomUUID() + "@example.no"));
        assertThatThrownBy(() -> register.update(id, 1, new SubjectUpdate("events", Source.EVENT_FORM, null, null,
                PersonalData.contact("Navn Navnesen", null, null)))).isInstanceOf(ConsentRequired.class);
        assertThat(register.read(id, "events").records()).isEmpty();
    }

    @Test
    void turningAContactIntoAProspectIsRefusedWithoutConsent() {
        SubjectId id = register.register(RegisterTestSupport.contact(SubjectKind.CUSTOMER_CONTACT,
                "customer-administration", "turn." + UUID.randomUUID() + "@example.no"));
        assertThatThrownBy(() -> register.update(id, 1, new SubjectUpdate("customer-administration", Source.CUSTOMER,
                Set.of(SubjectKind.PROSPECT), null, PersonalData.NONE))).isInstanceOf(ConsentRequired.class);
        assertThat(register.summary(id).kinds()).containsExactly(SubjectKind.CUSTOMER_CONTACT);
    }

    @Test
    void aNewsletterRecipientIsRefusedWithoutConsent() {
        // Markedsføringsloven § 15 first paragraph: the newsletter to private persons rests on consent (issue 21, item 7).
        assertThatThrownBy(() -> register.register(RegisterTestSupport.contact(SubjectKind.NEWSLETTER_RECIPIENT,
                "newsletter", "news." + UUID.randomUUID() + "@example.no"))).isInstanceOf(ConsentRequired.class);
    }

    @Test
    void anExistingCustomersSoftOptInNeedsNoConsentUnderLegitimateInterest() {
        // § 15 second paragraph: the customers' newsletter is a purpose of its own on legitimate interest.
        SubjectId id = register.register(RegisterTestSupport.contact(SubjectKind.CUSTOMER_CONTACT, "customer-newsletter",
                "news." + UUID.randomUUID() + "@example.no"));
        assertThat(register.read(id, "customer-newsletter").records()).hasSize(2);
    }
}
