package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import no.vern.consent.Channel;
import no.vern.consent.ConsentLedger;
import no.vern.consent.GiveConsent;
import no.vern.identity.Role;
import no.vern.processing.SubjectKind;
import no.vern.shared.NotFound;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * Roles see only the kinds their work needs (S8, S20, GDPR Art. 5(1)(c) and 25): role × kind matrix;
 * a subject of another kind is answered as not found, so guessing ids reveals nothing.
 */
@VernTest
class RegisterVisibilityTest {

    static final Map<Role, Set<SubjectKind>> EXPECTED = new EnumMap<>(Map.of(
            Role.PRIVACY_OFFICER, EnumSet.allOf(SubjectKind.class),
            Role.CASE_HANDLER, EnumSet.allOf(SubjectKind.class),
            Role.SALES, EnumSet.of(SubjectKind.CUSTOMER_CONTACT, SubjectKind.CUSTOMER_EMPLOYEE, SubjectKind.PROSPECT),
            Role.RECRUITER, EnumSet.of(SubjectKind.CANDIDATE),
            Role.MARKETING, EnumSet.of(SubjectKind.NEWSLETTER_RECIPIENT, SubjectKind.EVENT_PARTICIPANT,
                    SubjectKind.CUSTOMER_CONTACT, SubjectKind.PARTNER_CONTACT),
            Role.AUDITOR, EnumSet.noneOf(SubjectKind.class)));

    @Autowired
    SubjectRegister register;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ConsentLedger consents;

    final Map<SubjectKind, SubjectId> byKind = new EnumMap<>(SubjectKind.class);

    @BeforeEach
    void oneSubjectOfEachKind() {
        RegisterTestSupport.actAsSystem();
        for (SubjectKind kind : SubjectKind.values()) {
            SubjectId id = SubjectId.random();
            // Bare rows (no personal data): consent-based kinds cannot be stored through the API without consent.
            jdbc.sql("""
                    INSERT INTO register_subject (id, kinds, created_at, updated_at, version)
                    VALUES (:id, ARRAY[:kind]::text[], :now, :now, 1)
                    """).param("id", id.value()).param("kind", kind.name()).param("now", OffsetDateTime.now()).update();
            byKind.put(kind, id);
        }
    }

    @AfterEach
    void system() {
        RegisterTestSupport.actAsSystem();
    }

    @Test
    void everyRoleSeesExactlyItsKinds() {
        for (Role role : Role.values()) {
            RegisterTestSupport.actAs(role);
            for (SubjectKind kind : SubjectKind.values()) {
                SubjectId id = byKind.get(kind);
                if (EXPECTED.get(role).contains(kind)) {
                    assertThat(register.summary(id).id()).as(role + " sees " + kind).isEqualTo(id);
                } else {
                    assertThatThrownBy(() -> register.summary(id)).as(role + " does not see " + kind)
                            .isInstanceOf(NotFound.class);
                }
            }
        }
    }

    @Test
    void aRecruiterCannotReadACustomerContactByGuessingItsId() {
        RegisterTestSupport.actAsSystem();
        SubjectId contact = register.register(RegisterTestSupport.canaryContact());
        RegisterTestSupport.actAs(Role.RECRUITER);

        assertThatThrownBy(() -> register.read(contact, "customer-administration")).isInstanceOf(NotFound.class)
                .hasMessageNotContaining(Canaries.NAME);
        assertThatThrownBy(() -> register.erase(contact)).isInstanceOf(NotFound.class);
        assertThat(register.findByEmail(Canaries.EMAIL)).extracting(SubjectSummary::id).doesNotContain(contact);
    }

    @Test
    void listsHoldOnlyTheRolesKinds() {
        RegisterTestSupport.actAs(Role.RECRUITER);
        assertThat(register.list(0, 100).items()).allMatch(s -> s.kinds().contains(SubjectKind.CANDIDATE));
        RegisterTestSupport.actAs(Role.AUDITOR);
        assertThat(register.list(0, 100).total()).isZero();
    }

    @Test
    void salesCannotRegisterACandidate() {
        RegisterTestSupport.actAs(Role.SALES);
        assertThatThrownBy(() -> register.register(new NewSubject(null, Set.of(SubjectKind.CANDIDATE), "recruitment",
                Source.SUBJECT, null, PersonalData.contact("Navn Navnesen", null, null))))
                .isInstanceOf(AccessDeniedException.class);
    }

    /** A customer contact with customer-administration data (bank account, purchase history) and an event sign-up. */
    private SubjectId customerWithEventSignUp() {
        RegisterTestSupport.actAsSystem();
        SubjectId id = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, new PersonalData("Kari Kunde", null, null, null,
                        "Lisens 2026", "86011117947", null, null)));
        consents.give(GiveConsent.of(id, "events", Channel.WEB_FORM, Locale.ENGLISH));
        register.update(id, register.summary(id).version(), new SubjectUpdate("events", Source.EVENT_FORM, null, null,
                PersonalData.contact("Kari Kunde", null, null)));
        return id;
    }

    // Role × purpose cells (issue 24, item 3; GDPR Art. 5(1)(b), 32(4)): marketing sees customer contacts for the
    // newsletter and events only, never their bank account or purchase history; sales never reads event data.

    @Test
    void marketingCannotReadBankInformationOrPurchaseHistoryAndTheRefusalIsAudited() {
        SubjectId id = customerWithEventSignUp();
        long before = RegisterTestSupport.audits(jdbc, "register.subject.read", "DENIED", id);
        RegisterTestSupport.actAs(Role.MARKETING);

        assertThatThrownBy(() -> register.read(id, "customer-administration"))
                .isInstanceOf(PurposeNotPermitted.class).hasMessageNotContaining("86011117947");
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.read", "DENIED", id)).isEqualTo(before + 1);
        assertThat(register.read(id, "events").records()).extracting(RecordView::category).containsExactly("name");
    }

    @Test
    void marketingCannotWriteBankInformationOrPurchaseHistory() {
        SubjectId id = customerWithEventSignUp();
        RegisterTestSupport.actAs(Role.MARKETING);
        long version = register.summary(id).version();

        assertThatThrownBy(() -> register.update(id, version, new SubjectUpdate("customer-administration",
                Source.CUSTOMER, null, null, new PersonalData(null, null, null, null, null, "12345678903", null, null))))
                .isInstanceOf(PurposeNotPermitted.class);
        assertThatThrownBy(() -> register.update(id, version, new SubjectUpdate("customer-administration",
                Source.CUSTOMER, null, null, new PersonalData(null, null, null, null, "Mer", null, null, null))))
                .isInstanceOf(PurposeNotPermitted.class);
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.update", "DENIED", id)).isEqualTo(2);
        RegisterTestSupport.actAsSystem();
        assertThat(register.read(id, "customer-administration").value("bank-information")).contains("86011117947");
        assertThat(register.summary(id).version()).isEqualTo(version);
    }

    @Test
    void salesCannotReadEventsDataButReadsCustomerAdministration() {
        SubjectId id = customerWithEventSignUp();
        RegisterTestSupport.actAs(Role.SALES);

        assertThatThrownBy(() -> register.read(id, "events")).isInstanceOf(PurposeNotPermitted.class);
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.read", "DENIED", id)).isEqualTo(1);
        assertThat(register.read(id, "customer-administration").value("bank-information")).contains("86011117947");
        assertThat(register.mayUsePurpose("events")).isFalse();
        assertThat(register.mayUsePurpose("customer-administration")).isTrue();
    }

    @Test
    void officersAndCaseHandlersUseEveryPurpose() {
        SubjectId id = customerWithEventSignUp();
        for (Role role : Set.of(Role.PRIVACY_OFFICER, Role.CASE_HANDLER)) {
            RegisterTestSupport.actAs(role);
            assertThat(register.read(id, "events").records()).isNotEmpty();
            assertThat(register.read(id, "customer-administration").value("purchase-history")).contains("Lisens 2026");
        }
    }
    @Test
    void aMergeNeedsEveryPurposeAndCategoryBothSubjectsHold() {
        // A merge reads, re-encrypts and joins every record: a role without events (sales) or without bank
        // information (marketing) may not merge a person whose data includes them, even with the subject's kind.
        RegisterTestSupport.actAsSystem();
        String email = "merge-" + UUID.randomUUID() + "@example.com";
        SubjectId customer = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, new PersonalData("Kari Kunde", email, null, null,
                        null, "86011117947", null, null)));
        SubjectId signUp = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.CUSTOMER, null, PersonalData.contact("Kari Kunde", email, null)));
        consents.give(GiveConsent.of(signUp, "events", Channel.WEB_FORM, Locale.ENGLISH));
        register.update(signUp, register.summary(signUp).version(), new SubjectUpdate("events", Source.EVENT_FORM,
                null, null, PersonalData.contact("Kari K. Kunde", null, null))); // a name held for events only

        RegisterTestSupport.actAs(Role.SALES); // the customer is all sales's; the events-only name is not
        assertThatThrownBy(() -> register.merge(customer, signUp)).isInstanceOf(PurposeNotPermitted.class);
        RegisterTestSupport.actAs(Role.MARKETING); // the customer's bank account is never marketing's
        assertThatThrownBy(() -> register.merge(customer, signUp)).isInstanceOf(PurposeNotPermitted.class)
                .hasMessageNotContaining("86011117947");
        RegisterTestSupport.actAsSystem();
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.merge", "DENIED", signUp)).isEqualTo(1);
        assertThat(RegisterTestSupport.audits(jdbc, "register.subject.merge", "DENIED", customer)).isEqualTo(1);
        assertThat(register.isErased(signUp)).isFalse();
        assertThat(register.isErased(customer)).isFalse();

        RegisterTestSupport.actAs(Role.CASE_HANDLER);
        assertThat(register.merge(customer, signUp)).isEqualTo(customer);
        assertThat(register.read(customer, "events").records()).isNotEmpty();
        assertThat(register.read(customer, "customer-administration").value("bank-information")).contains("86011117947");
    }
}
