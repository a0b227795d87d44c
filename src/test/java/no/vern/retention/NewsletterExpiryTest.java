package no.vern.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

import no.vern.consent.Channel;
import no.vern.consent.GiveConsent;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.SubjectKind;
import no.vern.register.NewSubject;
import no.vern.register.PersonalData;
import no.vern.register.Source;
import no.vern.shared.SubjectId;
import no.vern.support.Canaries;
import no.vern.support.VernTest;

/**
 * A consent-based newsletter recipient has an expiry of its own that actually runs out (markedsføringsloven § 15
 * first paragraph; GDPR Art. 5(1)(e); issue 21, item 7), not "until an agreement ends", and the policy publishes that
 * very rule in Norwegian and English.
 */
@VernTest
class NewsletterExpiryTest extends RetentionTestSupport {

    private static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired
    ProcessingRecord record;
    @Autowired
    MessageSource messages;

    @Test
    void aNewsletterConsentThatIsNeverRenewedIsDueWhenTheRuleRunsOut() {
        RetentionRule rule = policies.current("newsletter", "email").orElseThrow();
        assertThat(rule.kind()).isEqualTo(RuleKind.UNTIL_CONSENT_ENDS);
        assertThat(rule.amount()).isPositive();
        Instant given = clock.instant();
        SubjectId reader = consents.give(GiveConsent.of(null, "newsletter", Channel.WEB_FORM, NB)).subject();
        register.register(new NewSubject(reader, Set.of(SubjectKind.NEWSLETTER_RECIPIENT), "newsletter", Source.SUBJECT,
                null, PersonalData.contact(Canaries.NAME, Canaries.uniqueEmail(), null)));
        Instant runsOut = rule.unit().plus(given, rule.amount());

        clock.advance(Duration.between(clock.instant(), runsOut.minus(Duration.ofDays(1))));
        assertThat(newsletterItems(reader)).isEmpty();

        clock.advance(Duration.ofDays(2));
        assertThat(newsletterItems(reader)).extracting(DueItem::category).contains("name", "email");
    }

    @Test
    void thePolicyPublishesTheNewsletterRuleInNorwegianAndEnglish() {
        RetentionRule rule = policies.current("newsletter", "email").orElseThrow();
        for (Locale locale : List.of(NB, Locale.ENGLISH)) {
            String unit = messages.getMessage("retention.unit." + rule.unit().name(), null, locale);
            String words = messages.getMessage("retention.policy.UNTIL_CONSENT_ENDS", new Object[] { rule.amount(), unit },
                    locale);
            assertThat(record.policy(locale).text()).contains(words);
        }
        assertThat(record.policy(NB).text()).contains("høyst 2 år etter at du sist ga eller fornyet det");
        assertThat(record.policy(Locale.ENGLISH).text()).contains("at most 2 years after you last gave or renewed it");
    }

    private List<DueItem> newsletterItems(SubjectId reader) {
        return purges.dueNow().stream().filter(i -> i.subject().equals(reader) && i.purposeKey().equals("newsletter"))
                .toList();
    }
}
