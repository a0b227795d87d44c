package no.vern.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.util.GreenMailUtil;

import jakarta.mail.internet.MimeMessage;
import no.vern.retention.ClockEventKind;
import no.vern.retention.DueItem;
import no.vern.retention.HoldScope;
import no.vern.retention.ItemStatus;
import no.vern.retention.LegalHold;
import no.vern.retention.NewHold;
import no.vern.retention.PurgeRun;
import no.vern.retention.RetentionNotices;
import no.vern.retention.RetentionTestSupport;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * The purge walking through years with the test clock (S13, S23; GDPR Art. 5(1)(e)): agreements,
 * bookkeeping periods, legal holds, the notice before deletion, the reviewed first run, and a crash
 * mid-batch. Each test uses its own organisation or candidates and asserts on those only.
 */
@VernTest
class RetentionPurgeTests extends RetentionTestSupport {

    @Autowired
    PurgeService purgeService;
    @Autowired
    RetentionNotices notices;

    @Test
    void anEndedAgreementPurgesContactDataOnlyAfterItsPeriod() {
        // S3, S13: contact data is kept while the agreement runs, and 3 months after (seeded rule).
        approveADryRun();
        today(LocalDate.of(2027, 1, 15));
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2027, 1, 15)));

        today(LocalDate.of(2027, 4, 14));
        purges.purge();
        assertThat(categories(contact, "customer-administration")).contains("name", "email", "phone");

        today(LocalDate.of(2027, 4, 16));
        purges.purge();
        assertThat(register.isErased(contact)).isTrue(); // nothing else held: crypto-shredded
    }

    @Test
    void theRegisterAuditsAPurgeErasureAsTheRetentionJobNotAsItself() {
        // Every access audited naming the real actor: the register erases on the purge's behalf (Actors.runAs).
        approveADryRun();
        today(LocalDate.of(2027, 1, 15));
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2027, 1, 15)));
        today(LocalDate.of(2027, 4, 16));
        purges.purge();
        assertThat(register.isErased(contact)).isTrue();
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE action = 'register.subject.erase' AND :s = ANY(targets)")
                .param("s", contact.reference()).query(String.class).list())
                .containsExactly(PurgeService.JOB.reference()).containsExactly("system:retention-purge");
    }

    @Test
    void aBatchPurgedSetBasedStillTellsTheAuditorPerSubjectThatAndWhyAndShredsOnlyWhoHoldsNothingElse() {
        // GDPR Art. 5(1)(e) and 17 (issue 28 item 8): one batch deletes the items of many subjects at once; per subject
        // the audit names the run (whose items carry rule and reason), the purpose and the category; a subject whose
        // invoice must still be kept (Bookkeeping Act § 13) holds something else and is not crypto-shredded.
        approveADryRun();
        today(LocalDate.of(2029, 1, 15));
        String org = orgNumber();
        SubjectId first = customer(org, null);
        SubjectId second = customer(org, null);
        SubjectId invoiced = customer(org, "Faktura 2029-001: rammeavtale");
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2029, 1, 15)));

        today(LocalDate.of(2029, 4, 16));
        PurgeRun run = purges.purge();

        assertThat(run.status()).isEqualTo("DONE");
        assertThat(register.isErased(first)).isTrue();
        assertThat(register.isErased(second)).isTrue();
        assertThat(register.isErased(invoiced)).isFalse();
        assertThat(categories(invoiced, "customer-administration")).containsExactly("purchase-history");
        for (SubjectId s : List.of(first, second, invoiced)) {
            assertThat(jdbc.sql("""
                    SELECT purpose, actor, targets FROM audit_entry WHERE action = 'retention.purge.erase' AND :s = ANY(targets)
                    """).param("s", s.reference()).query((rs, n) -> {
                        List<String> targets = List.of((String[]) rs.getArray("targets").getArray());
                        assertThat(rs.getString("purpose")).isEqualTo("customer-administration");
                        assertThat(rs.getString("actor")).isEqualTo("system:retention-purge");
                        assertThat(targets).contains("run:" + run.id());
                        return targets.stream().filter(t -> t.startsWith("category:")).toList();
                    }).list()).flatExtracting(l -> l)
                    .containsExactlyInAnyOrder("category:name", "category:email", "category:phone");
        }
        for (SubjectId s : List.of(first, second)) { // one entry per batch, naming the run and its shredded subjects
            assertThat(jdbc.sql("""
                    SELECT targets FROM audit_entry WHERE action = 'retention.purge.shred' AND :s = ANY(targets)
                    """).param("s", s.reference()).query((rs, n) -> List.of((String[]) rs.getArray("targets").getArray()))
                    .list()).singleElement().satisfies(t -> assertThat(t).contains("run:" + run.id())
                            .doesNotContain(invoiced.reference()));
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action LIKE '%shred' AND :s = ANY(targets)")
                .param("s", invoiced.reference()).query(Long.class).single()).isZero();
        assertThat(purges.items(run.id())).filteredOn(i -> i.subject().equals(invoiced))
                .extracting(DueItem::category, DueItem::status)
                .containsExactlyInAnyOrder(tuple("name", ItemStatus.DONE),
                        tuple("email", ItemStatus.DONE),
                        tuple("phone", ItemStatus.DONE));
    }

    @Test
    void aContactWhoseAgreementRunsIsNeverPurged() {
        approveADryRun();
        SubjectId contact = customer(orgNumber(), null);
        today(LocalDate.now(clock).plusYears(4));
        purges.purge();
        assertThat(categories(contact, "customer-administration")).contains("name", "email", "phone");
    }

    @Test
    void anInvoiceDatumSurvivesFiveYearsFromTheEndOfItsAccountingYearThenGoes() {
        // Bookkeeping Act § 13: primary documentation 5 years from the end of the accounting year.
        // An invoice on 31 Dec 2026 belongs to 2026 (kept until 31 Dec 2031); one on 1 Jan 2027 to 2027.
        approveADryRun();
        String org = orgNumber();
        today(LocalDate.of(2026, 12, 31));
        SubjectId lastDay = customer(org, "Faktura 2026-999: rammeavtale");
        today(LocalDate.of(2027, 1, 1));
        SubjectId firstDay = customer(org, "Faktura 2027-001: tilleggsbestilling");

        today(LocalDate.of(2031, 12, 31));
        purges.purge();
        assertThat(categories(lastDay, "customer-administration")).contains("purchase-history");
        assertThat(categories(firstDay, "customer-administration")).contains("purchase-history");

        today(LocalDate.of(2032, 1, 1));
        purges.purge();
        assertThat(categories(lastDay, "customer-administration")).doesNotContain("purchase-history")
                .contains("name", "email"); // the agreement still runs: contact data stays
        assertThat(categories(firstDay, "customer-administration")).contains("purchase-history");

        today(LocalDate.of(2033, 1, 1));
        purges.purge();
        assertThat(categories(firstDay, "customer-administration")).doesNotContain("purchase-history")
                .contains("name");
    }

    @Test
    void aLegalHoldStopsDeletionAndItsReleaseResumesIt() {
        // GDPR Art. 17(3)(e): data needed for legal claims is kept while the hold lasts.
        approveADryRun();
        today(LocalDate.of(2027, 3, 1));
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2027, 3, 1)));
        LegalHold hold = holds.place(new NewHold(HoldScope.ORGANISATION, org, "Tvist, sak PVO-2027-4", "personvern",
                LocalDate.of(2027, 12, 1)));

        today(LocalDate.of(2027, 9, 1));
        PurgeRun dry = purges.dryRun();
        assertThat(purges.items(dry.id())).filteredOn(i -> i.subject().equals(contact))
                .extracting(DueItem::status).isNotEmpty().containsOnly(ItemStatus.HELD);
        purges.purge();
        assertThat(register.isErased(contact)).isFalse();
        assertThat(categories(contact, "customer-administration")).contains("name");

        holds.release(hold.id());
        assertThat(holds.list()).filteredOn(h -> h.id().equals(hold.id())).allMatch(h -> !h.active());
        purges.purge();
        assertThat(register.isErased(contact)).isTrue();
    }

    @Test
    void aCandidateWithoutTalentPoolConsentGetsTheNoticeFirstAndIsGoneAfterThePeriod() throws Exception {
        approveADryRun();
        today(LocalDate.of(2027, 2, 1));
        SubjectId candidate = candidate(Locale.ENGLISH);
        clockEvents.subjectEvent(ClockEventKind.RECRUITMENT_CLOSED, candidate, startOf(LocalDate.of(2027, 2, 1)), null);
        int mailsBefore = mailsTo();

        today(LocalDate.of(2027, 7, 2)); // due on 1 Aug 2027 (6 months): the 30-day notice goes out now
        purges.purge();
        assertThat(mailsTo()).isEqualTo(mailsBefore + 1);
        MimeMessage notice = lastMail();
        assertThat(notice.getSubject()).isEqualTo("Would you like to stay in our talent pool?");
        assertThat(GreenMailUtil.getBody(notice)).contains("/privacy/talent-pool/", "2027-08-01");
        assertThat(categories(candidate, "recruitment")).contains("name", "email");

        today(LocalDate.of(2027, 7, 25));
        purges.purge();
        assertThat(register.isErased(candidate)).isFalse();
        assertThat(mailsTo()).isEqualTo(mailsBefore + 1); // one notice only

        today(LocalDate.of(2027, 8, 2));
        purges.purge();
        assertThat(register.isErased(candidate)).isTrue();
    }

    @Test
    void aCandidateWhoAnswersTheNoticeStaysInTheTalentPool() throws Exception {
        approveADryRun();
        today(LocalDate.of(2027, 5, 1));
        SubjectId candidate = candidate(Locale.forLanguageTag("nb"));
        clockEvents.subjectEvent(ClockEventKind.RECRUITMENT_CLOSED, candidate, startOf(LocalDate.of(2027, 5, 1)), null);

        today(LocalDate.of(2027, 10, 25));
        purges.purge();
        MimeMessage notice = lastMail();
        assertThat(notice.getSubject()).isEqualTo("Vil du bli i talentbanken vår?");
        Matcher link = Pattern.compile("/personvern/talentbank/(\\S+)").matcher(GreenMailUtil.getBody(notice)
                .replace("=\r\n", "").replace("=3D", "="));
        assertThat(link.find()).isTrue();
        assertThat(notices.stay(link.group(1), Locale.forLanguageTag("nb"))).isTrue();
        assertThat(consents.current(candidate, "talent-pool")).hasValueSatisfying(s -> assertThat(s.activeAt(clock.instant())).isTrue());

        today(LocalDate.of(2028, 1, 1));
        purges.purge();
        assertThat(register.isErased(candidate)).isFalse();
        assertThat(notices.stay("forged." + link.group(1), Locale.ENGLISH)).isFalse();
    }

    @Test
    void theRealPurgeRefusesToRunUntilADryRunHasBeenApproved() {
        jdbc.sql("UPDATE retention_run SET approved_at = NULL, approved_by = NULL").update();
        today(LocalDate.of(2027, 6, 1));
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2027, 6, 1)));
        today(LocalDate.of(2027, 12, 1));

        assertThat(purges.realRunsAllowed()).isFalse();
        PurgeRun refused = purges.purge();
        assertThat(refused.status()).isEqualTo("REFUSED");
        assertThat(register.isErased(contact)).isFalse();

        PurgeRun dry = purges.dryRun();
        assertThat(purges.summary(dry.id())).anySatisfy(s -> {
            assertThat(s.purposeKey()).isEqualTo("customer-administration");
            assertThat(s.subjects()).contains(contact);
        });
        assertThat(register.isErased(contact)).isFalse(); // a dry run deletes nothing
        purges.approve(dry.id());
        assertThat(purges.purge().status()).isEqualTo("DONE");
        assertThat(register.isErased(contact)).isTrue();
    }

    @Test
    void aCrashMidBatchResumesWhereItStoppedAndPurgesEachItemOnce() {
        approveADryRun();
        today(LocalDate.of(2028, 2, 1));
        String org = orgNumber();
        List<SubjectId> contacts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            contacts.add(customer(org, null));
        }
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2028, 2, 1)));
        today(LocalDate.of(2028, 6, 1));
        purges.purge(); // anything left over by other tests goes first, so the next run holds only ours
        // (The agreement ended 4 months ago: our contacts were due in that run already.)
        assertThat(contacts).allMatch(register::isErased);

        String org2 = orgNumber();
        List<SubjectId> more = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            more.add(customer(org2, null));
        }
        clockEvents.agreementEnded(org2, startOf(LocalDate.of(2028, 6, 1)));
        today(LocalDate.of(2028, 10, 1));
        purgeService.crashAfterItems(4); // batches of 3: the first commits, the second dies after one item
        try {
            assertThatThrownBy(purges::purge).isInstanceOf(IllegalStateException.class);
        } finally {
            purgeService.crashAfterItems(-1);
        }
        PurgeRun interrupted = jdbc.sql("SELECT id FROM retention_run WHERE NOT dry_run AND status = 'RUNNING'")
                .query(UUID.class).optional().flatMap(purges::run).orElseThrow();
        assertThat(interrupted.done()).isEqualTo(3);
        assertThat(more.stream().filter(register::isErased).count()).isEqualTo(1);

        PurgeRun resumed = purges.purge();
        assertThat(resumed.id()).isEqualTo(interrupted.id());
        assertThat(resumed.status()).isEqualTo("DONE");
        assertThat(resumed.done()).isEqualTo(resumed.due()).isEqualTo(15);
        assertThat(more).allMatch(register::isErased);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM retention_run_item WHERE run_id = :run AND status = 'DONE'
                """).param("run", resumed.id()).query(Long.class).single()).isEqualTo(15);
    }

    /** Talent-pool notices received (the JVM's mail server also takes other test contexts' mail). */
    private int mailsTo() {
        return notices().length;
    }

    private MimeMessage lastMail() {
        MimeMessage[] all = notices();
        return all[all.length - 1];
    }

    private static MimeMessage[] notices() {
        return java.util.Arrays.stream(MAIL.getReceivedMessagesForDomain(Canaries.EMAIL.substring(Canaries.EMAIL.indexOf('@') + 1)))
                .filter(m -> {
                    try {
                        String subject = String.valueOf(m.getSubject());
                        return subject.contains("talent pool") || subject.contains("talentbanken");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(MimeMessage[]::new);
    }

    // Issue 28 item 8: the planner reads only the subjects whose due date has come; the date is kept at write time
    // (triggers) and recomputed by each plan.

    @Test
    void aSubjectWhoseClockHasNotStartedHasNoDueDateUntilItsAgreementEnds() {
        today(LocalDate.of(2028, 2, 1));
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        assertThat(dueFrom(contact)).as("a new record is looked at by the next plan").contains(java.time.Instant.EPOCH);

        purges.dueNow();
        assertThat(dueFrom(contact)).as("the agreement runs: no clock").containsOnlyNulls();

        clockEvents.agreementEnded(org, startOf(LocalDate.of(2028, 2, 1)));
        assertThat(dueFrom(contact)).as("the clock event marks the organisation's subjects").containsOnly(java.time.Instant.EPOCH);
        purges.dueNow();
        // Seeded rule: agreement + 3 months, no notice.
        assertThat(dueFrom(contact)).containsOnly(startOf(LocalDate.of(2028, 5, 1)));
    }

    @Test
    void aRowNotYetDueIsNotPlannedAndPlanningFindsItWhenItsDateComes() {
        approveADryRun();
        today(LocalDate.of(2028, 6, 1));
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2028, 6, 1)));
        purges.dueNow();
        java.time.Instant due = startOf(LocalDate.of(2028, 9, 1));
        assertThat(dueFrom(contact)).containsOnly(due);

        today(LocalDate.of(2028, 8, 31));
        assertThat(purges.dueNow()).noneMatch(i -> i.subject().equals(contact));
        assertThat(dueFrom(contact)).as("nothing changed: the date stays").containsOnly(due);

        today(LocalDate.of(2028, 9, 2));
        purges.purge();
        assertThat(register.isErased(contact)).isTrue();
        purges.dueNow();
        assertThat(dueFrom(contact)).as("nothing held any more: the rows go").isEmpty();
    }

    @Test
    void aNewRuleVersionMarksItsPurposeAndThePlanAppliesIt() {
        today(LocalDate.of(2029, 3, 1));
        String org = orgNumber();
        SubjectId contact = customer(org, null);
        clockEvents.agreementEnded(org, startOf(LocalDate.of(2029, 3, 1)));
        purges.dueNow();
        assertThat(dueFrom(contact)).containsOnly(startOf(LocalDate.of(2029, 6, 1)));

        no.vern.retention.RetentionRule seeded = policies.current("customer-administration", "name").orElseThrow();
        no.vern.retention.RetentionRule shorter = policies.change("customer-administration", "name", seeded.version(),
                new no.vern.retention.RuleChange(seeded.kind(), 1, no.vern.retention.PeriodUnit.MONTHS,
                        seeded.unlessConsent(), seeded.noticeDays(), "test: shorter"));
        try {
            assertThat(dueFrom(contact)).as("the rule's purpose is marked").containsOnly(java.time.Instant.EPOCH);
            purges.dueNow();
            assertThat(dueFrom(contact)).containsOnly(startOf(LocalDate.of(2029, 4, 1)));
        } finally {
            policies.change("customer-administration", "name", shorter.version(), new no.vern.retention.RuleChange(
                    seeded.kind(), seeded.amount(), seeded.unit(), seeded.unlessConsent(), seeded.noticeDays(),
                    seeded.note()));
        }
    }

    @Test
    void aWithdrawnConsentMarksTheSubjectAndMakesItsConsentBasedDataDueAtOnce() {
        today(LocalDate.of(2029, 5, 1));
        SubjectId candidate = candidate(Locale.ENGLISH);
        purges.dueNow();
        assertThat(dueFrom(candidate)).doesNotContain(java.time.Instant.EPOCH);

        consents.withdraw(candidate, "recruitment", no.vern.consent.Channel.EMAIL_TO_PRIVACY_MAILBOX, null);
        assertThat(dueFrom(candidate)).isNotEmpty().containsOnly(java.time.Instant.EPOCH);
        List<DueItem> plan = purges.dueNow();
        if (register.isErased(candidate)) {
            assertThat(dueFrom(candidate)).as("erased on withdrawal: nothing left to plan").isEmpty();
        } else {
            assertThat(plan).anyMatch(i -> i.subject().equals(candidate) && i.reason().startsWith("consent-ended "));
        }
    }

    private List<java.time.Instant> dueFrom(SubjectId subject) {
        return jdbc.sql("SELECT due_from FROM retention_due WHERE subject_id = :s").param("s", subject.value())
                .query((rs, n) -> no.vern.shared.JdbcTime.instant(rs, "due_from")).list();
    }
}
