package no.vern.register;

import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import no.vern.identity.Role;
import no.vern.processing.SubjectKind;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;

/** Shared helpers of the register tests: canary subjects, acting as a role, reading audit entries. */
final class RegisterTestSupport {

    private RegisterTestSupport() {
    }

    /** A customer contact with canary name, email and phone, for customer administration (contract, S3). */
    static NewSubject canaryContact() {
        return new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), "customer-administration", Source.CUSTOMER,
                null, PersonalData.contact(Canaries.NAME, Canaries.EMAIL, Canaries.PHONE));
    }

    /** A contact of the given kind with a unique email (so blind-index lookups stay unambiguous). */
    static NewSubject contact(SubjectKind kind, String purpose, String email) {
        return new NewSubject(null, Set.of(kind), purpose, Source.CUSTOMER, null,
                PersonalData.contact("Test Testesen", email, null));
    }

    /** Runs the rest of the test as a staff member with the role (the register filters kinds by it). */
    static void actAs(Role role) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("test-" + role.name().toLowerCase(), "", List.of(
                        new org.springframework.security.core.authority.SimpleGrantedAuthority(role.authority()))));
    }

    /** Back to an internal caller (no security context: every kind). */
    static void actAsSystem() {
        SecurityContextHolder.clearContext();
    }

    static long audits(JdbcClient jdbc, String action, String outcome, SubjectId subject) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = :a AND outcome = :o AND :t = ANY(targets)")
                .param("a", action).param("o", outcome).param("t", subject.reference()).query(Long.class).single();
    }
}
