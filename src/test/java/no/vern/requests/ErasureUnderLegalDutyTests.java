package no.vern.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.mail.internet.MimeMessage;
import no.vern.identity.ApiScope;
import no.vern.identity.ApiTokens;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.KeptCategory;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Restriction;
import no.vern.register.RestrictionReleases;
import no.vern.register.Restrictions;
import no.vern.register.Source;
import no.vern.register.SubjectRegister;
import no.vern.register.SubjectUpdate;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.Tokens;
import no.vern.support.VernTest;

/**
 * Issue 20, items 1–3: an erasure request erases every category no legal duty holds (GDPR Art. 17(1)); only the
 * bookkeeping categories stay, restricted (Art. 17(3)(b), 18) until the end of the voucher's accounting year plus
 * the rule's period (bokføringsloven § 13); the answer says exactly that, from the state; the daily job erases them
 * on the release date; an Art. 18 restriction is lifted by the privacy officer only after the person was told.
 */
@VernTest
@Import(RequestsTestSupport.Systems.class)
class ErasureUnderLegalDutyTests extends RequestsTestSupport {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Autowired
    Requests requests;
    @Autowired
    SubjectRegister register;
    @Autowired
    Restrictions restrictions;
    @Autowired
    RestrictionReleases releases;
    @Autowired
    ProcessingRecord record;
    @Autowired
    MessageSource messages;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    MockMvc mvc;
    @Autowired
    ApiTokens tokens;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static Instant oslo(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(OSLO).toInstant();
    }

    /** A customer with a voucher (purchase history) dated now, who also gets the customers' newsletter (soft opt-in) at the same address. */
    private SubjectId customerWithPurchaseAndNewsletter(String email) {
        SubjectId subject = register.register(new NewSubject(null, Set.of(SubjectKind.CUSTOMER_CONTACT),
                "customer-administration", Source.SUBJECT, null,
                new PersonalData(Canaries.NAME, email, null, null, "Faktura 2026-311: rådgivning", null, null, null)));
        long version = register.summary(subject).version();
        register.update(subject, version, new SubjectUpdate("customer-newsletter", Source.SUBJECT,
                Set.of(SubjectKind.CUSTOMER_CONTACT), null,
                PersonalData.contact(null, email, null)));
        return subject;
    }

    private Set<String> categoriesHeld(SubjectId subject) {
        return new TreeSet<>(jdbc.sql("SELECT category FROM register_record WHERE subject_id = :s")
                .param("s", subject.value()).query(String.class).list());
    }

    private RequestId erasureRequest(String email, Locale locale) {
        RequestId id = requests.receive(new NewRequest(RequestKind.ERASURE, RequestChannel.EMAIL, email, null, locale, null))
                .request().id();
        requests.verify(id, "replied from the address on file");
        requests.complete(id, null);
        tellEveryRecipient(id);
        return id;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    private String categoryName(String key, Locale locale) {
        return record.current().document().dataCategory(key).orElseThrow().name().in(locale);
    }

    private String purposeName(String key, Locale locale) {
        return record.current().document().purposes().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow()
                .name().in(locale);
    }

    /** The answer's line for a kept category, built from the stored restriction and the rule's words. */
    private String keptLine(KeptCategory k, LocalDate yearEnd, int years, Locale locale) {
        String law = text("retention.duty.bookkeeping", locale, k.ground(), years, text("retention.unit.YEARS", locale),
                yearEnd.getDayOfMonth() + "." + yearEnd.getMonthValue() + "." + yearEnd.getYear());
        LocalDate until = k.releaseOn();
        return "- " + text("requests.erasure.partial.keptLine", locale, categoryName(k.category(), locale),
                purposeName(k.purposeKey(), locale), law, until.getDayOfMonth() + "." + until.getMonthValue() + "." + until.getYear());
    }

    private static String awaitBody(String email, String contains) {
        Instant end = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(end)) {
            for (MimeMessage m : mailTo(email)) {
                String body = body(m);
                if (body.contains(contains)) {
                    return body;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no mail containing the expected text");
    }

    @Test
    void art17_3_b_aVoucherOfTheLastDayOf2026IsKeptRestrictedUntil31December2031AndEverythingElseIsErased() {
        clock.setTo(oslo(2026, 12, 31, 14, 0));
        String email = uniqueEmail("voucher2026");
        SubjectId subject = customerWithPurchaseAndNewsletter(email);
        Set<String> before = categoriesHeld(subject);
        assertThat(before).containsExactlyInAnyOrder("name", "email", "purchase-history");

        erasureRequest(email, Locale.ENGLISH);

        // Art. 17(1): name and address (customer administration and newsletter) are gone; only the voucher is left.
        assertThat(categoriesHeld(subject)).containsExactly("purchase-history");
        assertThat(register.isErased(subject)).isFalse();
        Restriction r = restrictions.restriction(subject).orElseThrow();
        assertThat(r.kept()).singleElement().satisfies(k -> {
            assertThat(k.purposeKey()).isEqualTo("customer-administration");
            assertThat(k.category()).isEqualTo("purchase-history");
            assertThat(k.ground()).isEqualTo("bokføringsloven § 13");
            assertThat(k.releaseOn()).isEqualTo(LocalDate.of(2031, 12, 31));
        });
        assertThat(r.releaseOn()).isEqualTo(LocalDate.of(2031, 12, 31));
        assertThat(jdbc.sql("SELECT purposes FROM register_record WHERE subject_id = :s").param("s", subject.value())
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single())
                .containsExactly("customer-administration");

        // The answer says exactly what the state says, in English.
        Set<String> erased = new TreeSet<>(before);
        erased.removeAll(categoriesHeld(subject));
        String erasedLine = text("requests.erasure.partial.erased", Locale.ENGLISH,
                String.join(", ", erased.stream().map(c -> categoryName(c, Locale.ENGLISH)).toList()));
        String keptLine = keptLine(r.kept().get(0), LocalDate.of(2026, 12, 31), 5, Locale.ENGLISH);
        String body = awaitBody(email, keptLine);
        assertThat(body).contains(erasedLine, text("requests.erasure.partial.kept", Locale.ENGLISH), keptLine,
                "Purchase history", "bokføringsloven § 13 (Norwegian Bookkeeping Act): 5 years from the end of the accounting year (31.12.2026)",
                "kept until 31.12.2031 inclusive");
        assertThat(body).doesNotContain(text("requests.erasure.done", Locale.ENGLISH));
    }

    @Test
    void art17_3_b_aVoucherOfNewYearsDay2027IsKeptUntil31December2032ToldInNorwegianAndTheJobErasesItOnTheReleaseDate() {
        // Just after midnight in Oslo (still 2026 in UTC): the voucher belongs to the accounting year 2027.
        clock.setTo(oslo(2027, 1, 1, 0, 30));
        String email = uniqueEmail("voucher2027");
        SubjectId subject = customerWithPurchaseAndNewsletter(email);
        Set<String> before = categoriesHeld(subject);
        Locale nb = Locale.forLanguageTag("nb");

        erasureRequest(email, nb);

        assertThat(categoriesHeld(subject)).containsExactly("purchase-history");
        KeptCategory kept = restrictions.restriction(subject).orElseThrow().kept().get(0);
        assertThat(kept.releaseOn()).isEqualTo(LocalDate.of(2032, 12, 31));
        Set<String> erased = new TreeSet<>(before);
        erased.removeAll(categoriesHeld(subject));
        String keptLine = keptLine(kept, LocalDate.of(2027, 12, 31), 5, nb);
        String body = awaitBody(email, keptLine);
        assertThat(body).contains(text("requests.erasure.partial.erased", nb,
                String.join(", ", erased.stream().map(c -> categoryName(c, nb)).toList())), keptLine,
                "Kjøpshistorikk", "bokføringsloven § 13: 5 år fra utgangen av regnskapsåret (31.12.2027)",
                "oppbevares til og med 31.12.2032");

        // The last kept day: the job leaves it.
        clock.setTo(oslo(2032, 12, 31, 23, 0));
        releases.releaseDue();
        assertThat(categoriesHeld(subject)).containsExactly("purchase-history");
        assertThat(restrictions.isRestricted(subject)).isTrue();

        // The release date: the job erases the voucher; nothing is left, so the subject is crypto-shredded.
        clock.setTo(oslo(2033, 1, 1, 3, 15));
        assertThat(releases.releaseDue()).isPositive();
        assertThat(categoriesHeld(subject)).isEmpty();
        assertThat(restrictions.isRestricted(subject)).isFalse();
        assertThat(register.isErased(subject)).isTrue();
        // Audited as the job, with counts only.
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'register.restriction.release'
                   AND actor = 'system:restriction-release'""").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'register.restriction.release'
                   AND array_to_string(targets, ',') LIKE '%' || :s || '%'""").param("s", subject.value().toString())
                .query(Long.class).single()).isZero();
        // Run again: nothing more to release for this subject, no error.
        releases.releaseDue();
        assertThat(register.isErased(subject)).isTrue();
    }

    @Test
    void art18_3_theApiShowsTheRestrictionAndTheOfficerLiftsItOnlyAfterThePersonWasTold() throws Exception {
        String email = uniqueEmail("lift");
        SubjectId subject = register.register(contactOnFile(Canaries.NAME, email));
        RequestId id = requests.receive(new NewRequest(RequestKind.RESTRICTION, RequestChannel.EMAIL, email, null,
                Locale.forLanguageTag("nb"), null)).request().id();
        requests.verify(id, "replied from the address on file");
        requests.complete(id, null);
        tellEveryRecipient(id);
        UUID rid = restrictions.restriction(subject).orElseThrow().id();

        String read = Tokens.bearer(tokens, ApiScope.SUBJECTS_READ);
        String lift = Tokens.bearer(tokens, ApiScope.RESTRICTIONS_LIFT);
        String erase = Tokens.bearer(tokens, ApiScope.SUBJECTS_ERASE);
        String shown = mvc.perform(get("/api/v1/subjects/" + subject + "/restrictions").header("Authorization", read))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("\"id\":\"" + rid + "\"", "\"liftable\":true", "\"kept\":[]").doesNotContain(email);

        // Not the officer's decision, no reason: nothing lifted, nobody told.
        mvc.perform(delete("/api/v1/subjects/" + subject + "/restrictions/" + rid).header("Authorization", erase)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"not mine to decide\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/subjects/" + subject + "/restrictions/" + rid).header("Authorization", lift)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"  \"}"))
                .andExpect(status().isBadRequest());
        assertThat(restrictions.isRestricted(subject)).isTrue();
        assertThat(mailTo(email).stream().map(RequestsTestSupport::subject))
                .doesNotContain(text("requests.mail.restriction-lifting.subject", Locale.forLanguageTag("nb")));

        mvc.perform(delete("/api/v1/subjects/" + subject + "/restrictions/" + rid).header("Authorization", lift)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"Riktigheten er kontrollert mot kontrakten\"}"))
                .andExpect(status().isNoContent());

        // Told first (in their language, with the reason), then lifted; both recorded.
        assertThat(mailTo(email)).anySatisfy(m -> {
            assertThat(subject(m)).isEqualTo(text("requests.mail.restriction-lifting.subject", Locale.forLanguageTag("nb")));
            assertThat(body(m)).contains("Riktigheten er kontrollert mot kontrakten", "artikkel 18 nr. 3", id.value().toString());
        });
        assertThat(restrictions.isRestricted(subject)).isFalse();
        assertThat(register.read(subject, "customer-administration").records()).isNotEmpty();
        assertThat(requests.history(id)).extracting(CaseEvent::action).contains("restriction-lift-told");
        assertThat(jdbc.sql("SELECT count(*) FROM register_restriction_lifted WHERE id = :id AND told_at <= lifted_at")
                .param("id", rid).query(Long.class).single()).isOne();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE action = 'register.subject.unrestrict' AND outcome = 'SUCCESS'
                   AND :t = ANY(targets)""").param("t", "restriction:" + rid).query(Long.class).single()).isOne();
        mvc.perform(get("/api/v1/subjects/" + subject + "/restrictions").header("Authorization", read))
                .andExpect(status().isOk()).andExpect(r -> assertThat(r.getResponse().getContentAsString()).isEqualTo("[]"));
    }

    @Test
    void art18_3_aRestrictionNoOneCanBeToldAboutIsNotLifted() throws Exception {
        SubjectId subject = register.register(contactOnFile(Canaries.NAME, uniqueEmail("untold")));
        Restriction r = Actors.runAs(new Actor(Actor.Kind.STAFF, "officer"),
                () -> restrictions.restrict(subject, "accuracy contested by telephone", null));
        String lift = Tokens.bearer(tokens, ApiScope.RESTRICTIONS_LIFT);
        mvc.perform(delete("/api/v1/subjects/" + subject + "/restrictions/" + r.id()).header("Authorization", lift)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"accuracy verified\"}"))
                .andExpect(status().isConflict());
        assertThat(restrictions.isRestricted(subject)).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM register_restriction_lifted WHERE id = :id").param("id", r.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void art17_3_b_dataKeptUnderABookkeepingDutyIsShownWithItsLawAndIsNotLiftable() throws Exception {
        String email = uniqueEmail("keptapi");
        SubjectId subject = customerWithPurchaseAndNewsletter(email);
        erasureRequest(email, Locale.ENGLISH);
        Restriction r = restrictions.restriction(subject).orElseThrow();
        String read = Tokens.bearer(tokens, ApiScope.SUBJECTS_READ);
        String shown = mvc.perform(get("/api/v1/subjects/" + subject + "/restrictions").header("Authorization", read))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(shown).contains("\"category\":\"purchase-history\"", "\"ground\":\"bokføringsloven § 13\"",
                "\"keptUntil\":\"" + r.kept().get(0).releaseOn() + "\"", "\"liftable\":false");
        String lift = Tokens.bearer(tokens, ApiScope.RESTRICTIONS_LIFT);
        mvc.perform(delete("/api/v1/subjects/" + subject + "/restrictions/" + r.id()).header("Authorization", lift)
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"the customer wants offers again\"}"))
                .andExpect(status().isConflict());
        assertThat(restrictions.restriction(subject)).hasValueSatisfying(x -> assertThat(x.kept()).hasSize(1));
    }

    @Test
    void art18_3_theConsoleShowsTheRestrictionAndOnlyTheOfficerLiftsItKeepingTheReasonOnError() throws Exception {
        String email = uniqueEmail("console");
        SubjectId subject = register.register(contactOnFile(Canaries.NAME, email));
        RequestId id = requests.receive(new NewRequest(RequestKind.RESTRICTION, RequestChannel.EMAIL, email, null,
                Locale.ENGLISH, null)).request().id();
        requests.verify(id, "replied from the address on file");
        requests.complete(id, null);
        tellEveryRecipient(id);
        Restriction r = restrictions.restriction(subject).orElseThrow();
        var officer = user("officer").roles("PRIVACY_OFFICER");
        var handler = user("handler").roles("CASE_HANDLER");

        String page = mvc.perform(get("/console/register/subjects/" + subject).with(officer).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Restriction of processing", r.id().toString(), r.reason(),
                "/restrictions/" + r.id() + "/lift", "Tell the person and lift the restriction").doesNotContain(email);
        String handlerPage = mvc.perform(get("/console/register/subjects/" + subject).with(handler)
                .param("purpose", "customer-administration").param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(handlerPage).contains("Restriction of processing", r.id().toString())
                .doesNotContain("/restrictions/" + r.id() + "/lift").doesNotContain(email);
        mvc.perform(post("/console/register/subjects/" + subject + "/restrictions/" + r.id() + "/lift").with(csrf())
                .with(handler).param("reason", "I would like to")).andExpect(status().isForbidden());

        // No reason: the page again, the input kept, nothing lifted.
        String refused = mvc.perform(post("/console/register/subjects/" + subject + "/restrictions/" + r.id() + "/lift")
                .with(csrf()).with(officer).param("reason", "ok").param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Say why the restriction is lifted", ">ok</textarea>");
        assertThat(restrictions.isRestricted(subject)).isTrue();

        mvc.perform(post("/console/register/subjects/" + subject + "/restrictions/" + r.id() + "/lift").with(csrf())
                .with(officer).param("reason", "Accuracy confirmed by the customer's signed order").param("lang", "en"))
                .andExpect(status().is3xxRedirection());
        assertThat(mailTo(email)).anySatisfy(m -> {
            assertThat(subject(m)).isEqualTo(text("requests.mail.restriction-lifting.subject", Locale.ENGLISH));
            assertThat(body(m)).contains("Accuracy confirmed by the customer's signed order");
        });
        assertThat(restrictions.isRestricted(subject)).isFalse();
        String after = mvc.perform(get("/console/register/subjects/" + subject).with(officer).param("lang", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(after).contains("Processing is not restricted.");
    }

    @Test
    void art17_theCasePageSaysWhatIsStillKeptUntilTheJobReleasesItThenThatNothingIs() throws Exception {
        String email = uniqueEmail("casepage");
        SubjectId subject = customerWithPurchaseAndNewsletter(email);
        PrivacyCenterTests.Jar session = new PrivacyCenterTests.Jar();
        mvc.perform(get("/personvern/rettigheter")).andExpect(session.keep());
        String location = mvc.perform(post("/personvern/rettigheter").with(session).with(csrf())
                .param("kind", "ERASURE").param("email", email)).andExpect(session.keep()).andReturn().getResponse()
                .getRedirectedUrl();
        mvc.perform(post(location).with(session).with(csrf()).param("code", codeSentTo(email)))
                .andExpect(session.keep()).andExpect(status().is3xxRedirection());
        RequestId id = RequestId.parse(location.substring(location.lastIndexOf('/') + 1));
        requests.complete(id, null);
        tellEveryRecipient(id);

        KeptCategory kept = restrictions.restriction(subject).orElseThrow().kept().get(0);
        Locale nb = Locale.forLanguageTag("nb");
        String line = text("requests.erasure.partial.keptLine", nb, categoryName(kept.category(), nb),
                purposeName(kept.purposeKey(), nb), kept.ground(), kept.releaseOn().getDayOfMonth() + "."
                        + kept.releaseOn().getMonthValue() + "." + kept.releaseOn().getYear());
        String page = mvc.perform(get("/personvern/rettigheter/sak/" + id).with(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(page)).contains(text("requests.case.erasure.kept", nb), line)
                .doesNotContain(text("requests.case.erasure.nothingKept", nb));

        clock.setTo(kept.releaseOn().plusDays(1).atTime(4, 0).atZone(OSLO).toInstant());
        releases.releaseDue();
        String after = mvc.perform(get("/personvern/rettigheter/sak/" + id).with(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(org.springframework.web.util.HtmlUtils.htmlUnescape(after)).contains(text("requests.case.erasure.nothingKept", nb))
                .doesNotContain(line);
    }

    @Test
    void art17_aRestrictionThePersonAskedForDoesNotStopTheirLaterErasure() {
        String email = uniqueEmail("restrictthenerase");
        SubjectId subject = register.register(contactOnFile(Canaries.NAME, email));
        RequestId restriction = requests.receive(new NewRequest(RequestKind.RESTRICTION, RequestChannel.EMAIL, email, null,
                Locale.ENGLISH, null)).request().id();
        requests.verify(restriction, "replied from the address on file");
        requests.complete(restriction, null);
        tellEveryRecipient(restriction);
        assertThat(restrictions.isRestricted(subject)).isTrue();

        RequestId erasure = erasureRequest(email, Locale.ENGLISH);

        // No duty holds contact details: everything goes, and nothing is left to restrict.
        assertThat(register.isErased(subject)).isTrue();
        assertThat(restrictions.isRestricted(subject)).isFalse();
        assertThat(requests.history(erasure)).extracting(CaseEvent::action).contains("erased");
        assertThat(awaitBody(email, text("requests.erasure.done", Locale.ENGLISH))).isNotEmpty();
    }
}
