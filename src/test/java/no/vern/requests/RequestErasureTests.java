package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

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
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.InvalidInput;
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
        tellEveryRecipient(id);
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
    void art17_3_b_erasureUnderABookkeepingDutyKeepsOnlyTheVoucherRestrictedWithItsLawAndReleaseDate() {
        String email = uniqueEmail("invoice");
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.SUBJECT, null,
                new PersonalData(Canaries.NAME, email, null, null, "Invoice 2026-114: consulting", null, null, null)));
        int voucherYear = jdbc.sql("""
                SELECT extract(year FROM collected_at AT TIME ZONE 'Europe/Oslo')::int FROM register_record
                 WHERE subject_id = :s AND category = 'purchase-history'""").param("s", subject.value())
                .query(Integer.class).single();
        RequestId id = verifiedRequest(RequestKind.ERASURE, email);
        requests.complete(id, null);
        tellEveryRecipient(id);
        assertThat(register.isErased(subject)).isFalse();
        // Art. 17(1): name and address are erased now; only the voucher a duty holds is left.
        assertThat(jdbc.sql("SELECT category FROM register_record WHERE subject_id = :s").param("s", subject.value())
                .query(String.class).list()).containsExactly("purchase-history");
        LocalDate release = LocalDate.of(voucherYear + 5, 12, 31);
        assertThat(restrictions.restriction(subject)).hasValueSatisfying(r -> {
            assertThat(r.reason()).contains("17(3)(b)");
            assertThat(r.releaseOn()).isEqualTo(release);
            assertThat(r.kept()).extracting(k -> k.category() + " " + k.ground() + " " + k.releaseOn())
                    .containsExactly("purchase-history bokføringsloven § 13 " + release);
        });
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m)).contains("bokføringsloven § 13", "17(3)(b)",
                "kept until 31.12." + release.getYear()).doesNotContain("We have erased the data about you in our register"));
        assertThat(requests.history(id)).extracting(CaseEvent::action).contains("erased-except-kept");
        // GDPR Art. 18(2): restricted data is stored only; reads refuse and audiences leave it out.
        assertThatThrownBy(() -> register.read(subject, "customer-administration")).isInstanceOf(SubjectRestricted.class);
        assertThat(restrictions.restrictedAmong(Set.of(subject, SubjectId.random()))).containsExactly(subject);
    }

    @Test
    void art18_restrictionRequestBlocksReadsUntilTheOfficerLiftsItAfterTellingThePerson() {
        String email = uniqueEmail("restrict");
        SubjectId subject = register.register(contactOnFile(Canaries.NAME, email));
        RequestId id = verifiedRequest(RequestKind.RESTRICTION, email);
        requests.complete(id, null);
        tellEveryRecipient(id);
        assertThatThrownBy(() -> register.read(subject, "customer-administration")).isInstanceOf(SubjectRestricted.class);
        UUID restriction = restrictions.restriction(subject).orElseThrow().id();
        assertThatThrownBy(() -> restrictions.lift(subject, restriction, " ")).isInstanceOf(InvalidInput.class);
        assertThat(restrictions.isRestricted(subject)).isTrue();
        Actors.runAs(new Actor(Actor.Kind.STAFF, "officer"),
                () -> restrictions.lift(subject, restriction, "The accuracy was verified against the contract"));
        assertThat(mailTo(email)).anySatisfy(m -> assertThat(body(m))
                .contains("The accuracy was verified against the contract", "Article 18(3)"));
        assertThat(requests.history(id)).extracting(CaseEvent::action).contains("restriction-lift-told");
        assertThat(restrictions.isRestricted(subject)).isFalse();
        assertThat(register.read(subject, "customer-administration").records()).isNotEmpty();
    }
}
