package no.vern.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

import no.vern.shared.InvalidInput;

/** The record itself: what GDPR Art. 30(1) requires, versions, differences and checks (S29). */
@SpringBootTest
@AutoConfigureMockMvc // unused here: it shares one context with the audit and processing tests instead of starting its own
@EnableScenarios
class ProcessingRecordTests {

    static final List<String> PURPOSE_KEYS = List.of("customer-administration", "partner-management",
            "prospect-dialogue", "recruitment", "talent-pool", "events", "newsletter", "customer-newsletter", "website-statistics",
            "website-consent-proofs", "security", "data-subject-requests", "pending-consent");
    static final List<String> CATEGORY_KEYS = List.of("name", "email", "phone", "postal-address", "ip-address",
            "purchase-history", "bank-information", "cv", "recruiter-notes", "consent-choice");

    @Autowired
    ProcessingRecord record;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    ProcessingRecordDocument seed() {
        return record.version(1).orElseThrow().document();
    }

    @Test
    void seededRecordNamesTheControllerAndTheDataProtectionOfficer() {
        // GDPR Art. 30(1)(a): name and contact details of the controller and the DPO.
        ProcessingRecordDocument doc = seed();
        assertThat(doc.controller().name()).isEqualTo("Fjellvik Rådgivning AS");
        assertThat(doc.controller().email()).isEqualTo("personvern@fjellvik.example");
        assertThat(doc.dataProtectionOfficer().name()).isNotBlank();
        assertThat(doc.dataProtectionOfficer().email()).isEqualTo("personvernombud@fjellvik.example");
    }

    @Test
    void seededRecordHasEveryPurposeOfThePolicyWithItsStableKeyAndLegalBasis() {
        // GDPR Art. 30(1)(b): the purposes; Art. 6(1): a legal basis for each.
        ProcessingRecordDocument doc = seed();
        assertThat(doc.purposes()).extracting(Purpose::key).containsExactlyInAnyOrderElementsOf(PURPOSE_KEYS);
        assertThat(doc.purposes()).allSatisfy(p -> {
            assertThat(p.legalBasis()).isNotNull();
            assertThat(p.name().complete()).isTrue();
            assertThat(p.description().complete()).isTrue();
        });
        // S3 and issue 21, item 7: the agreement is with the customer or partner, not with its contact persons, so
        // their data rests on legitimate interest (GDPR Art. 6(1)(f)) with a documented balancing and the Art. 21
        // objection; it is still mandatory to deliver and invoice.
        for (String key : List.of("customer-administration", "partner-management")) {
            Purpose p = doc.purpose(key).orElseThrow();
            assertThat(p.legalBasis()).isEqualTo(LegalBasis.LEGITIMATE_INTEREST);
            assertThat(p.legalBasisNote().nb()).contains("artikkel 6 nr. 1 bokstav f", "Avveining", "artikkel 21 nr. 1");
            assertThat(p.legalBasisNote().en()).contains("Article 6(1)(f)", "Balancing", "Article 21(1)");
        }
        assertThat(doc.purpose("customer-administration").orElseThrow().mandatory()).isTrue();
        assertThat(doc.purpose("partner-management").orElseThrow().mandatory()).isTrue();
        // S4, S5: consent before anything is stored about prospects, candidates and participants.
        assertThat(List.of("prospect-dialogue", "recruitment", "talent-pool", "events"))
                .allSatisfy(k -> assertThat(doc.purpose(k).orElseThrow().legalBasis()).isEqualTo(LegalBasis.CONSENT));
        // Art. 7(1): the controller must be able to demonstrate consent, so the banner's proofs rest on that duty.
        assertThat(doc.purpose("website-consent-proofs").orElseThrow().legalBasis())
                .isEqualTo(LegalBasis.LEGAL_OBLIGATION);
    }

    @Test
    void seededRecordHasTheCategoriesOfDataSubjectsAndOfPersonalData() {
        // GDPR Art. 30(1)(c): categories of data subjects and of personal data.
        ProcessingRecordDocument doc = seed();
        assertThat(doc.dataCategories()).extracting(DataCategory::key).containsExactlyElementsOf(CATEGORY_KEYS);
        assertThat(doc.activities()).allSatisfy(a -> {
            assertThat(a.subjects()).isNotEmpty();
            assertThat(a.dataCategories()).isNotEmpty();
            assertThat(a.source().complete()).isTrue();
        });
        assertThat(doc.activities().stream().flatMap(a -> a.subjects().stream()).distinct())
                .containsExactlyInAnyOrder(SubjectKind.values());
        assertThat(record.dataCategoriesOf("recruitment")).contains("cv", "recruiter-notes");
        assertThat(record.dataCategoriesOf("customer-administration")).contains("bank-information", "purchase-history");
    }

    @Test
    void seededRecordNamesOnlyNonVendorRecipientsItself() {
        // GDPR Art. 30(1)(d): the record names the authorities and the auditor; the companies that receive data
        // (processors, with agreement and transfers) come from the vendor register (issue 26, one source).
        ProcessingRecordDocument doc = seed();
        List<Recipient> recipients = doc.activities().stream().flatMap(a -> a.recipients().stream()).toList();
        assertThat(recipients).extracting(Recipient::kind).contains(RecipientKind.CONTROLLER, RecipientKind.AUTHORITY)
                .allMatch(k -> k != null && k.allowedInRecord());
    }

    @Test
    void seededRecordHasARetentionPeriodForEveryPurpose() {
        // GDPR Art. 30(1)(f): the envisaged time limits for erasure; S13.
        assertThat(seed().purposes()).allSatisfy(p -> {
            assertThat(p.retention()).isNotNull();
            assertThat(p.retention().description().complete()).isTrue();
        });
        assertThat(seed().purpose("recruitment").orElseThrow().retention().period()).isEqualTo(Period.ofMonths(6));
    }

    @Test
    void seededRecordDescribesTechnicalAndOrganisationalSecurityMeasures() {
        // GDPR Art. 30(1)(g): a general description of the security measures of Art. 32.
        SecurityMeasures security = seed().security();
        assertThat(security.technical()).isNotEmpty().allMatch(LocalizedText::complete);
        assertThat(security.organisational()).isNotEmpty().allMatch(LocalizedText::complete);
    }

    @Test
    void seededRecordHasNoWarnings() {
        // Item 6: retention for every purpose, a legal basis for every category, agreements for every processor.
        RecordVersion current = record.current();
        record.update(current.version(), seed(), "Back to the seeded record");
        assertThat(record.current().document().activities()).hasSize(12);
        assertThat(record.warnings()).isEmpty();
    }

    @Test
    void seedLoadsOnceAndARestartDoesNotDuplicateIt() throws Exception {
        int before = record.versions().size();
        context.getBean("recordSeed", ApplicationRunner.class).run(new DefaultApplicationArguments());
        assertThat(record.versions()).hasSize(before);
        assertThat(jdbc.sql("SELECT count(*) FROM processing_record_version WHERE author = 'system:seed'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void unknownPurposesAreRefused() {
        // S8, S10: nothing may be processed for a purpose that is not in the record.
        assertThat(record.isKnownPurpose("newsletter")).isTrue();
        assertThat(record.isKnownPurpose("profiling")).isFalse();
        assertThatThrownBy(() -> record.requirePurpose("profiling")).isInstanceOf(UnknownPurpose.class);
        assertThat(record.legalBasisOf("newsletter")).isEqualTo(LegalBasis.CONSENT); // markedsføringsloven § 15 first paragraph
        assertThat(record.legalBasisOf("customer-newsletter")).isEqualTo(LegalBasis.LEGITIMATE_INTEREST); // § 15 second paragraph
    }

    @Test
    void everyChangeCreatesANewVersionAndOldVersionsStayReadable(Scenario scenario) {
        RecordVersion current = record.current();
        ProcessingRecordDocument changed = withRetention(current.document(), "events",
                new Retention(new LocalizedText("Til samtykket trekkes tilbake, høyst 6 måneder.",
                        "Until consent is withdrawn, at most 6 months."), Period.ofMonths(6)));

        scenario.stimulate(() -> record.update(current.version(), changed, "Shorter retention for events"))
                .andWaitForEventOfType(ProcessingRecordChanged.class)
                .toArriveAndVerify(event -> assertThat(event.version()).isEqualTo(current.version() + 1));

        RecordVersion saved = record.current();
        assertThat(saved.version()).isEqualTo(current.version() + 1);
        assertThat(saved.changeNote()).isEqualTo("Shorter retention for events");
        assertThat(saved.author()).isNotBlank();
        assertThat(saved.createdAt()).isNotNull();
        assertThat(record.version(current.version()).orElseThrow().document()).isEqualTo(current.document());
        assertThat(record.versions()).extracting(VersionInfo::version).startsWith(saved.version(), current.version());
        assertThat(record.purpose("events").orElseThrow().retention().period()).isEqualTo(Period.ofMonths(6));
    }

    @Test
    void anEditBasedOnAStaleVersionIsRefused() {
        RecordVersion current = record.current();
        record.update(current.version(), current.document(), "First edit");
        assertThatThrownBy(() -> record.update(current.version(), current.document(), "Second edit on old base"))
                .isInstanceOf(StaleRecordVersion.class);
    }

    @Test
    void anIncompleteRecordIsRefusedWithTheOffendingFields() {
        RecordVersion current = record.current();
        ProcessingRecordDocument broken = new ProcessingRecordDocument(
                new Contact("", null, null, "not-an-email", null, null), current.document().dataProtectionOfficer(),
                current.document().dataCategories(), current.document().activities(), current.document().security());
        assertThatThrownBy(() -> record.update(current.version(), broken, "Broken"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(InvalidInput.FieldError::field)
                        .contains("controller.name", "controller.email"));
        assertThat(record.current().version()).isEqualTo(current.version());
    }

    @Test
    void diffShowsChangedAddedAndRemovedFieldsPerActivity() {
        RecordVersion before = record.current();
        ProcessingRecordDocument doc = before.document();
        Activity website = doc.activity("website").orElseThrow();
        List<Recipient> recipients = new ArrayList<>(website.recipients());
        recipients.add(new Recipient(new LocalizedText("Analyseverktøy", "Analytics tool"), RecipientKind.CONTROLLER));
        Activity changedWebsite = new Activity(website.id(), website.name(), website.description(), website.purposes(),
                website.subjects(), List.of(), website.source(), recipients, website.security());
        // Removing ip-address is refused by validation (an activity needs data), so add one and remove another.
        changedWebsite = new Activity(website.id(), website.name(), website.description(), website.purposes(),
                website.subjects(), List.of("name"), website.source(), recipients, website.security());
        RecordVersion after = record.update(before.version(), doc.withActivity(changedWebsite), "Analytics tool");

        RecordDiff diff = record.diff(before.version(), after.version());
        assertThat(diff.changes()).allMatch(c -> "website".equals(c.activity()));
        assertThat(diff.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(RecordDiff.Kind.ADDED);
            assertThat(c.path()).isEqualTo("activities[website].dataCategories[name]");
        });
        assertThat(diff.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(RecordDiff.Kind.REMOVED);
            assertThat(c.path()).isEqualTo("activities[website].dataCategories[ip-address]");
            assertThat(c.oldValue()).isEqualTo("ip-address");
        });
        assertThat(diff.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(RecordDiff.Kind.ADDED);
            assertThat(c.path()).startsWith("activities[website].recipients[").endsWith("name.en");
            assertThat(c.newValue()).isEqualTo("Analytics tool");
        });
        assertThat(record.diff(after.version(), after.version()).changes()).isEmpty();

        // S30: the policy names the new recipient; agreements and transfers are the vendor register's (issue 26),
        // and every seeded processor there has one in force, so the promise of written agreements stays.
        PolicyText policy = record.policy(Locale.ENGLISH);
        assertThat(policy.version()).isEqualTo(after.version());
        assertThat(policy.text()).contains("Analytics tool (independent controller)", "under a written agreement");

        // Put the record back so that other tests see the seeded website activity.
        record.update(after.version(), doc, "Revert analytics tool");
        assertThat(record.warnings()).isEmpty();
        assertThat(record.policy(Locale.ENGLISH).text()).contains("under a written agreement");
    }

    @Test
    void warnsAboutPurposesWithoutRetentionAndCategoriesWithoutLegalBasis() {
        RecordVersion before = record.current();
        Activity prospects = before.document().activity("prospects").orElseThrow();
        Purpose p = prospects.purposes().get(0);
        Purpose incomplete = new Purpose(p.key(), p.name(), p.description(), null, null, false, null);
        Activity changed = new Activity(prospects.id(), prospects.name(), prospects.description(), List.of(incomplete),
                prospects.subjects(), prospects.dataCategories(), prospects.source(), prospects.recipients(),
                prospects.security());
        RecordVersion after = record.update(before.version(), before.document().withActivity(changed), "Incomplete");

        assertThat(record.warnings()).contains(
                new RecordWarning(RecordWarning.Kind.PURPOSE_WITHOUT_RETENTION, "prospects", "prospect-dialogue"),
                new RecordWarning(RecordWarning.Kind.CATEGORY_WITHOUT_LEGAL_BASIS, "prospects", "email"));
        assertThatThrownBy(() -> record.legalBasisOf("prospect-dialogue")).isInstanceOf(UnknownPurpose.class);

        record.update(after.version(), before.document(), "Complete again");
        assertThat(record.warnings()).isEmpty();
    }

    @Test
    void consentNoticeNamesThePurposeVersionAndHashOfItsExactText() {
        // S6: proof of what the person was shown (text, version, hash).
        NoticeText notice = record.notice("talent-pool", Locale.forLanguageTag("nb"));
        assertThat(notice.version()).isEqualTo(record.current().version());
        assertThat(notice.text()).contains("Kandidatbank", "Samtykke", "2 år", "personvern@fjellvik.example");
        assertThat(notice.sha256()).hasSize(64);
        NoticeText english = record.notice("talent-pool", Locale.ENGLISH);
        assertThat(english.text()).contains("Talent pool", "Consent", "2 years");
        assertThat(english.sha256()).isNotEqualTo(notice.sha256());
        assertThatThrownBy(() -> record.notice("profiling", Locale.ENGLISH)).isInstanceOf(UnknownPurpose.class);
    }

    static ProcessingRecordDocument withRetention(ProcessingRecordDocument doc, String purposeKey, Retention retention) {
        Activity activity = doc.activityOf(purposeKey).orElseThrow();
        List<Purpose> purposes = activity.purposes().stream()
                .map(p -> p.key().equals(purposeKey) ? new Purpose(p.key(), p.name(), p.description(), p.legalBasis(),
                        p.legalBasisNote(), p.mandatory(), retention) : p)
                .toList();
        return doc.withActivity(new Activity(activity.id(), activity.name(), activity.description(), purposes,
                activity.subjects(), activity.dataCategories(), activity.source(), activity.recipients(),
                activity.security()));
    }
}
