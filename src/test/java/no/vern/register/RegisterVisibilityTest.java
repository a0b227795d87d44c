package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

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
}
