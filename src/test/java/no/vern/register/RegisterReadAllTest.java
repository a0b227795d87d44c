package no.vern.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.audit.AuditEvent;
import no.vern.audit.Outcome;
import no.vern.identity.Role;
import no.vern.shared.Actor;
import no.vern.processing.SubjectKind;
import no.vern.processing.UnknownPurpose;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * The one read of every purpose the right of access needs (GDPR Art. 15, issue 28 item 5): purpose-bound as
 * {@link SubjectRegister#read} is, each record once, audited as one entry naming the purposes and categories read;
 * and everything held under an address in one statement ({@link SubjectRegister#readAllUnder}), audited as the
 * caller's one entry.
 */
@VernTest
class RegisterReadAllTest {

    private static final String ADMIN = "customer-administration";
    private static final String NEWSLETTER = "customer-newsletter";

    @Autowired
    SubjectRegister register;
    @Autowired
    Restrictions restrictions;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void system() {
        RegisterTestSupport.actAsSystem();
    }

    private SubjectId contactOnTwoPurposes(String email) {
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT), ADMIN,
                Source.CUSTOMER, null, PersonalData.contact(Canaries.NAME, email, Canaries.PHONE)));
        register.update(subject, 1, new SubjectUpdate(NEWSLETTER, Source.SUBJECT, null, null,
                PersonalData.contact(null, email, null)));
        return subject;
    }

    private List<List<String>> readEntries(SubjectId subject, String outcome) {
        return jdbc.sql("""
                SELECT targets FROM audit_entry WHERE action = 'register.subject.read' AND outcome = :o
                  AND :t = ANY(targets) ORDER BY id
                """).param("o", outcome).param("t", subject.reference())
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).list();
    }

    @Test
    void readsWhatIsHeldForEveryPurposeGivenEachRecordOnceInOneAuditEntry() {
        SubjectId subject = contactOnTwoPurposes("read.all@kanarifugl.example");

        List<RecordView> records = register.readAll(subject, List.of(ADMIN, NEWSLETTER, "events"));

        List<RecordView> perPurpose = new java.util.ArrayList<>(register.read(subject, ADMIN).records());
        perPurpose.addAll(register.read(subject, NEWSLETTER).records());
        assertThat(records).hasSize(4).extracting(RecordView::id)
                .containsExactlyElementsOf(perPurpose.stream().map(RecordView::id).toList());
        assertThat(records).extracting(RecordView::value).contains(Canaries.NAME, "read.all@kanarifugl.example");
        List<List<String>> entries = readEntries(subject, "SUCCESS");
        assertThat(entries).hasSize(3); // readAll, then the two single reads above
        assertThat(entries.get(0)).containsExactlyInAnyOrder(subject.reference(), "purpose:" + ADMIN,
                "purpose:" + NEWSLETTER, "category:name", "category:email", "category:phone");
        assertThat(readEntries(subject, "DENIED")).isEmpty();
    }

    @Test
    void readsOnlyThePurposesGiven() {
        SubjectId subject = contactOnTwoPurposes("only.newsletter@kanarifugl.example");

        List<RecordView> records = register.readAll(subject, List.of(NEWSLETTER));

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.category()).isEqualTo("email");
            assertThat(r.purposes()).containsExactly(NEWSLETTER);
        });
    }

    @Test
    void nothingHeldForThePurposesIsAuditedAsRefusedAndReturnsNothing() {
        SubjectId subject = contactOnTwoPurposes("nothing.held@kanarifugl.example");

        assertThat(register.readAll(subject, List.of("events"))).isEmpty();

        assertThat(readEntries(subject, "DENIED")).singleElement()
                .satisfies(t -> assertThat(t).containsExactly(subject.reference(), "purpose:events"));
    }

    @Test
    void aRestrictedSubjectIsNotReadAndTheRefusalIsAudited() {
        SubjectId subject = contactOnTwoPurposes("restricted.all@kanarifugl.example");
        restrictions.restrict(subject, "test: accuracy contested", null);

        assertThatThrownBy(() -> register.readAll(subject, List.of(ADMIN, NEWSLETTER)))
                .isInstanceOf(SubjectRestricted.class);
        assertThat(readEntries(subject, "DENIED")).hasSize(1);
        assertThat(readEntries(subject, "SUCCESS")).isEmpty();
    }

    @Test
    void aRoleIsRefusedWhenOneOfThePurposesIsNotItsOwnAndSeesOnlyItsPurposes() {
        SubjectId subject = contactOnTwoPurposes("role.all@kanarifugl.example");

        RegisterTestSupport.actAs(Role.SALES);
        assertThatThrownBy(() -> register.readAll(subject, List.of(ADMIN, NEWSLETTER)))
                .isInstanceOf(PurposeNotPermitted.class);
        assertThat(register.readAll(subject, List.of(ADMIN))).hasSize(3);

        RegisterTestSupport.actAs(Role.MARKETING);
        assertThat(register.readAll(subject, List.of(NEWSLETTER))).extracting(RecordView::category)
                .containsExactly("email");
    }

    @Test
    void anUnknownPurposeIsRefusedBeforeAnythingIsRead() {
        SubjectId subject = contactOnTwoPurposes("unknown.purpose@kanarifugl.example");

        assertThatThrownBy(() -> register.readAll(subject, List.of(ADMIN, "no-such-purpose")))
                .isInstanceOf(UnknownPurpose.class);
        assertThat(readEntries(subject, "SUCCESS")).isEmpty();
    }

    // --- everything held under an address (readAllUnder) ---

    private static final Actor PERSON = new Actor(Actor.Kind.SUBJECT, "requester");

    private static String uniqueEmail(String who) {
        return who + "." + java.util.UUID.randomUUID().toString().substring(0, 8) + "@kanarifugl.example";
    }

    private AuditEvent exportEntry(String caseRef) {
        return AuditEvent.by(PERSON, "requests.access.export", Outcome.SUCCESS).withPurpose("data-subject-requests")
                .withTargets(caseRef);
    }

    private List<List<String>> entries(String action, SubjectId subject) {
        return jdbc.sql("SELECT targets FROM audit_entry WHERE action = :a AND :t = ANY(targets) ORDER BY id")
                .param("a", action).param("t", subject.reference())
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).list();
    }

    @Test
    void art15_everythingHeldUnderAnAddressIsReadInOneEntryNamingTheSubjectsPurposesAndCategories() {
        String email = uniqueEmail("under");
        SubjectId contact = contactOnTwoPurposes(email);
        SubjectId partner = register.register(RegisterTestSupport.contact(SubjectKind.PARTNER_CONTACT,
                "partner-management", email));
        String caseRef = "case:" + java.util.UUID.randomUUID();

        HeldUnderAddress held = register.readAllUnder(email, List.of(contact), List.of(ADMIN, NEWSLETTER,
                "partner-management", "events"), exportEntry(caseRef));

        assertThat(held.found()).containsExactly(contact, partner);
        assertThat(held.live()).containsExactlyInAnyOrder(contact, partner);
        assertThat(held.of(contact)).extracting(RecordView::id).containsExactlyElementsOf(
                register.readAll(contact, List.of(ADMIN, NEWSLETTER)).stream().map(RecordView::id).toList());
        assertThat(held.of(partner)).extracting(RecordView::value).contains("Test Testesen", email);
        assertThat(entries("requests.access.export", contact)).singleElement().satisfies(t -> assertThat(t)
                .containsExactlyInAnyOrder(caseRef, contact.reference(), partner.reference(), "purpose:" + ADMIN,
                        "purpose:" + NEWSLETTER, "purpose:partner-management", "category:name", "category:email",
                        "category:phone"));
        // The lookup and the reads are that one entry: no entry of their own.
        assertThat(entries("register.subject.lookup", partner)).isEmpty();
        assertThat(entries("register.subject.read", partner)).isEmpty();
    }

    @Test
    void art18_aRestrictedSubjectUnderTheAddressIsNamedButNotReadAndItsRefusalIsAudited() {
        String email = uniqueEmail("under.restricted");
        SubjectId subject = contactOnTwoPurposes(email);
        restrictions.restrict(subject, "test: accuracy contested", null);

        HeldUnderAddress held = register.readAllUnder(email, List.of(), List.of(ADMIN, NEWSLETTER),
                exportEntry("case:" + java.util.UUID.randomUUID()));

        assertThat(held.live()).containsExactly(subject);
        assertThat(held.of(subject)).isEmpty();
        assertThat(readEntries(subject, "DENIED")).singleElement().satisfies(t -> assertThat(t)
                .containsExactly(subject.reference(), "purpose:" + ADMIN, "purpose:" + NEWSLETTER));
        assertThat(entries("requests.access.export", subject)).singleElement()
                .satisfies(t -> assertThat(t).noneMatch(x -> x.startsWith("category:")));
    }

    @Test
    void art17_aKnownSubjectErasedSinceIsNotHeldAndWithoutAnAddressOnlyTheKnownAreRead() {
        SubjectId erased = contactOnTwoPurposes(uniqueEmail("under.erased"));
        SubjectId kept = contactOnTwoPurposes(uniqueEmail("under.kept"));
        register.erase(erased);

        HeldUnderAddress held = register.readAllUnder(null, List.of(erased, kept), List.of(ADMIN),
                exportEntry("case:" + java.util.UUID.randomUUID()));

        assertThat(held.found()).isEmpty();
        assertThat(held.live()).containsExactly(kept);
        assertThat(held.of(kept)).extracting(RecordView::category).containsExactlyInAnyOrder("name", "email", "phone");
        assertThat(held.of(erased)).isEmpty();
    }

    @Test
    void aRoleIsRefusedReadingUnderAnAddressWhenOneOfThePurposesIsNotItsOwn() {
        String email = uniqueEmail("under.role");
        SubjectId subject = contactOnTwoPurposes(email);

        RegisterTestSupport.actAs(Role.SALES);
        assertThatThrownBy(() -> register.readAllUnder(email, List.of(), List.of(ADMIN, NEWSLETTER),
                exportEntry("case:" + java.util.UUID.randomUUID()))).isInstanceOf(PurposeNotPermitted.class);
        assertThat(entries("requests.access.export", subject)).isEmpty();
    }
}
