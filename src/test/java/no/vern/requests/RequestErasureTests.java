package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Restrictions;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectRestricted;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/** Erasure (GDPR Art. 17) and restriction (Art. 18) requests carried out in the register. */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class RequestErasureTests extends RequestsTestSupport {

    @Autowired
    Requests requests;
    @Autowired
    SubjectRegister register;
    @Autowired
    Restrictions restrictions;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private RequestId verifiedRequest(RequestKind kind, String email) {
        RequestId id = requests.receive(new NewRequest(kind, RequestChannel.EMAIL, email, null, Locale.ENGLISH, null))
                .request().id();
        requests.verify(id, "replied from the address on file");
        return id;
    }

    @Test
    void art17_erasureWithoutALegalDutyCryptoShredsTheSubjectAndConfirmsIt() {
        String email = uniqueEmail("erase");
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.PARTNER_CONTACT),
                "partner-management", Source.SUBJECT, null, PersonalData.contact(Canaries.NAME, email, null)));
        RequestId id = verifiedRequest(RequestKind.ERASURE, email);
        requests.complete(id, null);
        assertThat(register.isErased(subject)).isTrue();
        assertThat(restrictions.isRestricted(subject)).isFalse();
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("We have erased the data"));
        assertThat(requests.history(id)).extracting(CaseEvent::action).contains("erased", "certificate-issued", "completed");
        // Verifiable erasure: a signed certificate without personal data, its hash in the audit log.
        ErasureCertificate certificate = requests.certificates(id).get(0);
        assertThat(certificate.body()).contains(subject.reference(), "\"email\"", "erased").doesNotContain(email);
        assertThat(requests.verifyCertificate(certificate.body(), certificate.signature())).isTrue();
        assertThat(requests.verifyCertificate(certificate.body().replace("email", "phone"), certificate.signature())).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'requests.certificate.issue' AND :t = ANY(targets)")
                .param("t", "sha256:" + certificate.sha256()).query(Long.class).single()).isEqualTo(1);
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains(certificate.sha256()));
    }

    @Test
    void art17_3_b_erasureUnderABookkeepingDutyRestrictsWithReasonAndReleaseDateInstead() {
        String email = uniqueEmail("invoice");
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.SUBJECT, null,
                new PersonalData(Canaries.NAME, email, null, null, "Invoice 2026-114: consulting", null, null, null)));
        RequestId id = verifiedRequest(RequestKind.ERASURE, email);
        requests.complete(id, null);
        assertThat(register.isErased(subject)).isFalse();
        assertThat(restrictions.restriction(subject)).hasValueSatisfying(r -> {
            assertThat(r.reason()).contains("bookkeeping");
            assertThat(r.releaseOn()).isNotNull();
        });
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("bookkeeping", "17(3)(b)"));
        // GDPR Art. 18(2): restricted data is stored only; reads refuse and audiences leave it out.
        assertThatThrownBy(() -> register.read(subject, "customer-administration")).isInstanceOf(SubjectRestricted.class);
        assertThat(restrictions.restrictedAmong(Set.of(subject, SubjectId.random()))).containsExactly(subject);
    }

    @Test
    void art18_restrictionRequestBlocksReadsUntilLifted() {
        String email = uniqueEmail("restrict");
        SubjectId subject = register.register(contactOnFile(Canaries.NAME, email));
        RequestId id = verifiedRequest(RequestKind.RESTRICTION, email);
        requests.complete(id, null);
        assertThatThrownBy(() -> register.read(subject, "customer-administration")).isInstanceOf(SubjectRestricted.class);
        assertThat(restrictions.lift(subject)).isTrue();
        assertThat(register.read(subject, "customer-administration").records()).isNotEmpty();
    }
}
