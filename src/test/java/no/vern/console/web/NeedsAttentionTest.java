package no.vern.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import no.vern.shared.AttentionItem;
import no.vern.shared.AttentionItem.Severity;
import no.vern.shared.Countdown;

/** The ranking of the console's "needs attention" list (issue 23 item 1). */
class NeedsAttentionTest {

    static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    static AttentionItem item(String link, Instant due, Severity severity, String... roles) {
        return new AttentionItem("test", "t", List.of(), due, severity, "a", link, List.of(roles));
    }

    @Test
    void aRequestDueTomorrowComesBeforeABreachWith60HoursLeftAndARequestDueNextWeek() {
        AttentionItem nextWeek = item("/console/requests/next-week", NOW.plus(Duration.ofDays(7)), Severity.NOTICE);
        AttentionItem breach = item("/console/breach/b", NOW.plus(Duration.ofHours(60)), Severity.CRITICAL);
        AttentionItem tomorrow = item("/console/requests/tomorrow", NOW.plus(Duration.ofHours(30)), Severity.CRITICAL);

        List<NeedsAttention.Line> ranked = NeedsAttention.rank(List.of(nextWeek, breach, tomorrow), Set.of(), NOW);

        assertThat(ranked).extracting(l -> l.item().link())
                .containsExactly("/console/requests/tomorrow", "/console/breach/b", "/console/requests/next-week");
    }

    @Test
    void itemsWithoutADeadlineFollowTheMoreSevereFirst() {
        AttentionItem notice = item("/console/x/notice", null, Severity.NOTICE);
        AttentionItem critical = item("/console/x/critical", null, Severity.CRITICAL);
        AttentionItem due = item("/console/x/due", NOW.plus(Duration.ofDays(30)), Severity.NOTICE);
        AttentionItem warning = item("/console/x/warning", null, Severity.WARNING);

        assertThat(NeedsAttention.rank(List.of(notice, critical, due, warning), Set.of(), NOW))
                .extracting(l -> l.item().link())
                .containsExactly("/console/x/due", "/console/x/critical", "/console/x/warning", "/console/x/notice");
    }

    @Test
    void theSameDeadlineRanksTheMoreSevereFirst() {
        Instant due = NOW.plus(Duration.ofDays(2));
        assertThat(NeedsAttention.rank(List.of(item("/console/a", due, Severity.WARNING),
                item("/console/b", due, Severity.CRITICAL)), Set.of(), NOW)).extracting(l -> l.item().link())
                .containsExactly("/console/b", "/console/a");
    }

    @Test
    void onlyItemsTheUsersRolesMayActOnAreShown() {
        AttentionItem officer = item("/console/officer", null, Severity.NOTICE, "PRIVACY_OFFICER");
        AttentionItem recruiter = item("/console/recruiter", null, Severity.NOTICE, "PRIVACY_OFFICER", "RECRUITER");
        AttentionItem everyone = item("/console/everyone", null, Severity.NOTICE);

        assertThat(NeedsAttention.rank(List.of(officer, recruiter, everyone), Set.of("RECRUITER"), NOW))
                .extracting(l -> l.item().link()).containsExactly("/console/recruiter", "/console/everyone");
    }

    @Test
    void eachLineSaysHowMuchTimeIsLeftAndColoursItByTheCountdownRule() {
        NeedsAttention.Line breach = NeedsAttention.rank(List.of(item("/console/breach/b",
                NOW.plus(Duration.ofHours(20)), Severity.CRITICAL)), Set.of(), NOW).get(0);
        assertThat(breach.countdown()).isEqualTo(Countdown.AMBER);
        assertThat(breach.leftKey()).isEqualTo("countdown.left.hours");
        assertThat(breach.leftAmount()).isEqualTo(20);

        NeedsAttention.Line none = NeedsAttention.rank(List.of(item("/console/x", null, Severity.NOTICE)), Set.of(), NOW)
                .get(0);
        assertThat(none.countdown()).isNull();
        assertThat(none.leftKey()).isNull();
    }
}
