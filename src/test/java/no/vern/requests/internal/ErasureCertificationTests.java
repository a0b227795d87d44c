package no.vern.requests.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.mail.internet.MimeMessage;
import no.vern.crypto.BackupHorizon;
import no.vern.crypto.Backups;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.requests.CaseEvent;
import no.vern.requests.CertificateCheck;
import no.vern.requests.ErasureCertificate;
import no.vern.requests.NewRequest;
import no.vern.requests.NoticeState;
import no.vern.requests.RecipientNotice;
import no.vern.requests.RecipientsOutstanding;
import no.vern.requests.Operation;
import no.vern.requests.RequestChannel;
import no.vern.requests.RequestId;
import no.vern.requests.RequestKind;
import no.vern.requests.RequestStatus;
import no.vern.requests.Requests;
import no.vern.requests.RequestsTestSupport;
import no.vern.requests.StepState;
import no.vern.requests.SystemStep;
import no.vern.shared.VernClock;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * Certificates that certify (issue 20, item 10): issued only once the register step and every connected system's
 * erasure step has settled, naming each; verifiable by anyone with the published key, offline and on the public page.
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class ErasureCertificationTests extends RequestsTestSupport {

    @Autowired
    Requests requests;
    @Autowired
    ErasureCertification certification;
    @Autowired
    HeldAnswers answers;
    @Autowired
    SubjectRegister register;
    @Autowired
    StandInSystems systems;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    Backups backups;
    @Autowired
    BackupHorizon horizon;
    @Autowired
    Clock clock;
    @Autowired
    Certificates certificatesBean;
    @TempDir
    Path dir;

    private RequestId erasureWithASlowSystem(String email) {
        return erasureWithASlowSystem(email, Locale.ENGLISH);
    }

    private RequestId erasureWithASlowSystem(String email, Locale language) {
        register.register(new NewSubject(null, Set.of(SubjectKind.PARTNER_CONTACT), "partner-management", Source.SUBJECT,
                null, PersonalData.contact(Canaries.NAME, email, null)));
        RequestId id = requests.receive(new NewRequest(RequestKind.ERASURE, RequestChannel.EMAIL, email, null,
                language, null)).request().id();
        requests.verify(id, "replied from the address on file");
        systems.nextPending.set(true); // the ERASE step of the completion stays pending
        requests.complete(id, null);
        return id;
    }

    private static List<MimeMessage> answerMails(String email) {
        return mailTo(email).stream().filter(m -> subject(m).startsWith("Your request has been handled")).toList();
    }

    private static List<MimeMessage> certificateMails(String email) {
        return mailTo(email).stream().filter(m -> subject(m).equals("Erasure certificate for your request")).toList();
    }

    private ErasureCertificate issuedCertificate() {
        String email = uniqueEmail("certified");
        RequestId id = erasureWithASlowSystem(email);
        systems.finish(id.value(), Operation.ERASE);
        certification.issueDue();
        return requests.certificates(id).get(0);
    }

    @Test
    void theCertificateOfAnErasureWithASlowSystemIsIssuedOnlyAfterItsStepSettlesAndNamesIt() {
        String email = uniqueEmail("slow");
        RequestId id = erasureWithASlowSystem(email);
        // Erased in the register at once, but the CRM has not erased yet and no recipient is told: no certificate,
        // and no answer yet (GDPR Art. 19: the person is told the recipients only once the tasks are settled).
        assertThat(register.isErased(requests.get(id).subject())).isTrue();
        assertThat(requests.get(id).status()).isEqualTo(RequestStatus.INFORMING_RECIPIENTS);
        assertThat(requests.certificates(id)).isEmpty();
        assertThat(answerMails(email)).isEmpty();
        certification.issueDue();
        answers.finishDue();
        assertThat(requests.certificates(id)).as("still pending: nothing certified").isEmpty();
        assertThat(certificateMails(email)).isEmpty();

        systems.finish(id.value(), Operation.ERASE);
        assertThat(certification.issueDue()).isGreaterThanOrEqualTo(1);
        assertThat(answers.finishDue()).as("the recipients' tasks are still open").isZero();
        assertThat(answerMails(email)).isEmpty();

        // The two recipients of partner-management in the record: one told, one not told with its reason.
        List<RecipientNotice> notices = requests.recipientNotices(id);
        assertThat(notices).extracting(RecipientNotice::nameEn).containsExactly("Kundeskyen AS",
                "Regnverket AS");
        requests.settleRecipientNotice(id, notices.get(0).id(), NoticeState.TOLD, null);
        assertThat(answerMails(email)).as("one task still open").isEmpty();
        assertThatThrownBy(() -> requests.complete(id, null)).isInstanceOf(RecipientsOutstanding.class);
        // Carried out already: it can no longer be refused, nor the person asked to clarify.
        assertThatThrownBy(() -> requests.refuse(id, no.vern.requests.RefusalGround.LEGAL_OBLIGATION,
                "the vouchers must be kept under the Bookkeeping Act")).isInstanceOf(no.vern.shared.InvalidInput.class);
        requests.settleRecipientNotice(id, notices.get(1).id(), NoticeState.DISPROPORTIONATE,
                "The invoicing system never received this contact's details");
        assertThat(requests.get(id).status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(answerMails(email)).singleElement().satisfies(m -> assertThat(body(m)).contains("We have erased the data",
                "The erasure has been carried out in these systems of ours: CRM.",
                "We have told these recipients of the change (GDPR Art. 19): Kundeskyen AS.",
                "We have not told Regnverket AS, because it would involve "
                        + "disproportionate effort (GDPR Art. 19): The invoicing system never received",
                "The erasure certificate has been sent to you in a separate email: "
                        + requests.certificates(id).get(0).id()));
        // The held address and text are gone with the key they were encrypted under.
        assertThat(jdbc.sql("SELECT count(*) FROM requests_held_answer WHERE case_id = :c")
                .param("c", id.value()).query(Long.class).single()).isZero();

        List<ErasureCertificate> certificates = requests.certificates(id);
        assertThat(certificates).hasSize(1);
        ErasureCertificate certificate = certificates.get(0);
        assertThat(certificate.body()).contains("\"system\":\"CRM\",\"operation\":\"ERASE\",\"state\":\"DONE\"",
                "\"operation\":\"VERIFY_ERASED\"", "erased: the data key is destroyed").doesNotContain(email);
        assertThat(certificateMails(email)).singleElement().satisfies(m -> {
            assertThat(decoded(m)).contains(certificate.sha256(), Certificates.BEGIN, certificate.signature(),
                    "/.well-known/vern-erasure-key", requests.certificateKey().fingerprint());
            // The mail as received, pasted whole, checks out.
            assertThat(requests.checkCertificate(decoded(m)).result()).isEqualTo(CertificateCheck.Result.VALID);
        });
        assertThat(requests.history(id)).extracting(CaseEvent::action)
                .containsSubsequence("answer-held", "certificate-issued", "certificate-sent", "recipient-told",
                        "recipient-disproportionate", "completed");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'requests.certificate.issue' AND :t = ANY(targets)")
                .param("t", "sha256:" + certificate.sha256()).query(Long.class).single()).isEqualTo(1);
        // The address kept to send it is gone with the waiting row.
        assertThat(jdbc.sql("SELECT count(*) FROM requests_certificate_pending WHERE case_id = :c")
                .param("c", id.value()).query(Long.class).single()).isZero();
        certification.issueDue();
        assertThat(requests.certificates(id)).as("issued once").hasSize(1);
    }

    @Test
    void art17_aWaitingCertificateStatesEverySubjectUnderTheAddressWithWhatWasErasedAndKeptForEach() {
        String email = uniqueEmail("twosubjects");
        no.vern.shared.SubjectId partner = register.register(new NewSubject(null, Set.of(SubjectKind.PARTNER_CONTACT),
                "partner-management", Source.SUBJECT, null, PersonalData.contact(Canaries.NAME, email, null)));
        no.vern.shared.SubjectId customer = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.SUBJECT, null,
                new PersonalData(Canaries.NAME, email, null, null, "Faktura 2026-412", null, null, null)));
        RequestId id = requests.receive(new NewRequest(RequestKind.ERASURE, RequestChannel.EMAIL, email, null,
                Locale.ENGLISH, null)).request().id();
        requests.verify(id, "replied from the address on file");
        systems.nextPending.set(true);
        requests.complete(id, null);
        assertThat(requests.certificates(id)).isEmpty();

        systems.finish(id.value(), Operation.ERASE);
        certification.issueDue();
        ErasureCertificate certificate = requests.certificates(id).stream().filter(x -> x.body().contains(partner.reference())
                && x.body().contains(customer.reference())).findFirst().orElseThrow();
        assertThat(register.isErased(partner)).isTrue();
        assertThat(register.isErased(customer)).isFalse();
        assertThat(certificate.body()).contains("\"category\":\"purchase-history\"", "bokføringsloven § 13",
                "erased: the data key is destroyed", "partly erased: only the kept categories remain")
                .doesNotContain(email);
    }

    @Test
    void art17_theCertificateSaysByWhichDateTheLastBackupOlderThanTheErasureHasExpired() {
        Backups.BackupReport backup = backups.backup(dir.resolve("database"), dir.resolve("keys"));
        String email = uniqueEmail("backedup");
        RequestId id = erasureWithASlowSystem(email);
        systems.finish(id.value(), Operation.ERASE);
        certification.issueDue();

        LocalDate by = horizon.erasureCompleteBy(clock.instant()).orElseThrow();
        assertThat(by).isAfterOrEqualTo(LocalDate.ofInstant(backup.expiresAt(), VernClock.ZONE));
        ErasureCertificate certificate = requests.certificates(id).get(0);
        assertThat(certificate.body()).contains("\"erasedFromBackupsBy\":\"" + by + "\"");
        String date = by.getDayOfMonth() + "." + by.getMonthValue() + "." + by.getYear();
        assertThat(certificateMails(email)).singleElement().satisfies(m -> assertThat(decoded(m))
                .contains("complete in Vern's backups too by " + date + ", when the last backup taken before the erasure"));
    }

    @Test
    void aStepWaivedAfterCompletionIsCertifiedAsWaivedWithItsReason() {
        String email = uniqueEmail("waived");
        RequestId id = erasureWithASlowSystem(email);
        SystemStep erase = requests.steps(id).stream().filter(s -> s.operation() == Operation.ERASE).findFirst().orElseThrow();
        assertThat(erase.state()).isEqualTo(StepState.PENDING);
        requests.waive(id, erase.id(), "System decommissioned; its disks were destroyed");
        ErasureCertificate certificate = requests.certificates(id).get(0);
        assertThat(certificate.body()).contains("\"state\":\"WAIVED\"");
        assertThat(certificateMails(email)).hasSize(1);
    }

    @Test
    void aCertificateVerifiesOfflineWithOnlyThePublishedKeyAndOneChangedByteFails() throws Exception {
        ErasureCertificate certificate = issuedCertificate();
        String pem = mvc.perform(get("/.well-known/vern-erasure-key")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        // Plain JCA, nothing of Vern: the published PEM and the text as mailed.
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""))));
        byte[] body = certificate.body().getBytes(StandardCharsets.UTF_8);
        byte[] signature = Base64.getDecoder().decode(certificate.signature());
        assertThat(verify(key, body, signature)).isTrue();
        byte[] changed = body.clone();
        changed[changed.length / 2] ^= 1;
        assertThat(verify(key, changed, signature)).isFalse();
    }

    @Test
    void thePublicPageSaysValidForTheCertificateAndInvalidWhenOneByteIsChanged() throws Exception {
        ErasureCertificate certificate = issuedCertificate();
        String text = Certificates.text(new Certificates.Signed(certificate.id(), certificate.body(), certificate.signature(),
                certificate.sha256()));
        assertThat(requests.checkCertificate(text).result()).isEqualTo(CertificateCheck.Result.VALID);
        String page = mvc.perform(post("/privacy/verify-certificate").param("text", text).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Valid: the certificate was signed by us", certificate.id().toString());
        String tampered = text.replace("\"DONE\"", "\"DONF\"");
        assertThat(requests.checkCertificate(tampered).result()).isEqualTo(CertificateCheck.Result.BAD_SIGNATURE);
        String nb = mvc.perform(post("/personvern/kontroller-slettebevis").param("text", tampered).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(nb).contains("Ugyldig: signaturen stemmer ikke med teksten").contains("DONF");
        assertThat(requests.checkCertificate("hello").result()).isEqualTo(CertificateCheck.Result.MALFORMED);
    }

    private static String decoded(MimeMessage m) {
        try {
            return m.getContent() instanceof String text ? text : body(m);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verify(PublicKey key, byte[] body, byte[] signature) throws Exception {
        Signature ed = Signature.getInstance("Ed25519");
        ed.initVerify(key);
        ed.update(body);
        return ed.verify(signature);
    }

    // Issue 23 item 1: the certificate carries each step's detail as a code with arguments beside the signed English,
    // and every place a person reads it says the detail in their language.

    @Test
    void theCertificateCarriesTheStepDetailsCodeAndTheMailSaysItInThePersonsLanguage() {
        String email = uniqueEmail("norsk");
        RequestId id = erasureWithASlowSystem(email, Locale.forLanguageTag("nb"));
        systems.finish(id.value(), Operation.ERASE);
        certification.issueDue();

        ErasureCertificate certificate = requests.certificates(id).get(0);
        assertThat(certificate.body()).contains("\"detail\":\"3 rows erased in 2 tables\"",
                "\"detailCode\":\"connectors.detail.rowsErased\"", "\"detailArgs\":[\"3\",\"2\"]");
        assertThat(mailTo(email).stream().filter(m -> subject(m).equals("Slettebevis for henvendelsen din")).toList())
                .singleElement().satisfies(m -> {
                    String text = decoded(m);
                    assertThat(text).contains("Dette sier slettebeviset om hvert av de andre systemene:",
                            "– CRM, sletting: utført (3 rader slettet i 2 tabeller)");
                    assertThat(text.substring(0, text.indexOf(Certificates.BEGIN))).doesNotContain("rows erased");
                    assertThat(requests.checkCertificate(text).result()).isEqualTo(CertificateCheck.Result.VALID);
                });
    }

    @Test
    void thePublicPageSaysEachCertifiedStepsDetailInThePagesLanguage() throws Exception {
        ErasureCertificate certificate = issuedCertificate();
        String text = Certificates.text(new Certificates.Signed(certificate.id(), certificate.body(), certificate.signature(),
                certificate.sha256()));

        org.jsoup.nodes.Document nb = org.jsoup.Jsoup.parse(mvc.perform(post("/personvern/kontroller-slettebevis")
                .param("text", text).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(nb.select("table.certified-steps td.certified-detail").eachText())
                .contains("3 rader slettet i 2 tabeller");
        assertThat(nb.select("table.certified-steps").text()).contains("CRM", "sletting", "utført").doesNotContain("rows erased");
        org.jsoup.nodes.Document en = org.jsoup.Jsoup.parse(mvc.perform(post("/privacy/verify-certificate")
                .param("text", text).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(en.select("table.certified-steps td.certified-detail").eachText()).contains("3 rows erased in 2 tables");
        // A tampered certificate is not described at all.
        String tampered = text.replace("\"DONE\"", "\"DONF\"");
        assertThat(mvc.perform(post("/personvern/kontroller-slettebevis").param("text", tampered).with(csrf()))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain("certified-steps");
    }

    @Test
    void aCertificateIssuedBeforeDetailCodesStillVerifiesAndShowsItsSignedEnglishDetailMarkedAsEnglish() throws Exception {
        ErasureCertificate current = issuedCertificate();
        // The shape certificates had before issue 23: each step's English detail only.
        RequestId caseId = RequestId.parse(jdbc.sql("SELECT case_id::text FROM requests_certificate WHERE id = :id")
                .param("id", current.id()).query(String.class).single());
        Certificates.Signed old = certificatesBean.issue(caseId,
                new java.util.LinkedHashMap<>(java.util.Map.of("verification", java.util.Map.of("register",
                        "erased: the data key is destroyed, no record is readable", "systems", List.of(java.util.Map.of(
                                "system", "CRM", "operation", "ERASE", "state", "DONE", "detail", "1 row erased in 1 table",
                                "settledAt", "2026-01-05T10:00:00Z"))))));
        assertThat(old.body()).doesNotContain("detailCode");
        String text = Certificates.text(old);
        assertThat(requests.checkCertificate(text).result()).isEqualTo(CertificateCheck.Result.VALID);

        org.jsoup.nodes.Document nb = org.jsoup.Jsoup.parse(mvc.perform(post("/personvern/kontroller-slettebevis")
                .param("text", text).with(csrf())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(nb.select("#result").text()).startsWith("Gyldig");
        assertThat(nb.select("td.certified-detail span[lang=en]").eachText()).containsExactly("1 row erased in 1 table");
        assertThat(nb.select("td.certified-detail").text()).contains("Utfallet står på engelsk i beviset");
    }

    @Test
    void theCasePageSaysTheConnectorStepsDetailAndTheCertifiedStepsFromTheirCodeInNorwegianAndEnglish() throws Exception {
        String email = uniqueEmail("casepage");
        RequestId id = erasureWithASlowSystem(email);
        systems.finish(id.value(), Operation.ERASE);
        certification.issueDue();
        assertThat(requests.steps(id)).filteredOn(s -> s.operation() == Operation.ERASE).singleElement()
                .satisfies(s -> assertThat(s.detail()).isEqualTo("3 rows erased in 2 tables"));

        var handler = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .user("saksbehandler").roles("CASE_HANDLER");
        org.jsoup.nodes.Document nb = org.jsoup.Jsoup.parse(mvc.perform(get("/console/requests/" + id).param("lang", "nb")
                .with(handler)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        // Issue 23 item 5: the systems' step table says the detail from its code, not the stored English.
        assertThat(nb.select("#steps tbody tr").eachText()).anyMatch(row -> row.contains("3 rader slettet i 2 tabeller"));
        assertThat(nb.select("#steps").text()).doesNotContain("rows erased");
        assertThat(nb.select("#certificates").text()).contains(requests.certificates(id).get(0).sha256(),
                "3 rader slettet i 2 tabeller").doesNotContain("rows erased");
        org.jsoup.nodes.Document en = org.jsoup.Jsoup.parse(mvc.perform(get("/console/requests/" + id).param("lang", "en")
                .with(handler)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(en.select("#steps tbody tr").eachText()).anyMatch(row -> row.contains("3 rows erased in 2 tables"));
        assertThat(en.select("#certificates").text()).contains("3 rows erased in 2 tables").doesNotContain("rader");
    }

}
