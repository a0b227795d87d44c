package no.vern.retention.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.audit.Outcome;
import no.vern.processing.Activity;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.Purpose;
import no.vern.retention.PolicyCoverage;
import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleChange;
import no.vern.shared.Actor;
import no.vern.shared.Actors;
import no.vern.shared.Conflict;
import no.vern.shared.InvalidInput;

/** Rules per purpose and category, checked against the record of processing; every edit a new version. */
@Service
class PolicyService implements RetentionPolicies {

    private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

    private final Rules rules;
    private final ProcessingRecord record;
    private final AuditLog audit;
    private final Clock clock;

    PolicyService(Rules rules, ProcessingRecord record, AuditLog audit, Clock clock) {
        this.rules = rules;
        this.record = record;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<RetentionRule> current() {
        Map<String, RetentionRule> byId = rules.current().stream()
                .collect(Collectors.toMap(RetentionRule::id, Function.identity()));
        List<RetentionRule> ordered = new ArrayList<>();
        for (PolicyCoverage c : coverage()) {
            c.entries().forEach(e -> {
                if (e.rule() != null) {
                    ordered.add(byId.remove(e.rule().id()));
                }
            });
        }
        ordered.addAll(byId.values()); // rules of purposes that left the record: still shown
        return ordered;
    }

    @Override
    public Optional<RetentionRule> current(String purposeKey, String category) {
        return rules.current(purposeKey, category);
    }

    @Override
    public List<PolicyCoverage> coverage() {
        Map<String, RetentionRule> byId = rules.current().stream()
                .collect(Collectors.toMap(RetentionRule::id, Function.identity()));
        List<PolicyCoverage> result = new ArrayList<>();
        for (Activity activity : record.current().document().activities()) {
            for (Purpose purpose : activity.purposes()) {
                result.add(new PolicyCoverage(activity.id(), purpose.key(), activity.dataCategories().stream()
                        .map(c -> new PolicyCoverage.Entry(c, byId.get(purpose.key() + "/" + c))).toList()));
            }
        }
        return result;
    }

    @Override
    public List<RetentionRule> history(String purposeKey, String category) {
        return rules.history(purposeKey, category);
    }

    @Override
    @Transactional
    public RetentionRule change(String purposeKey, String category, int basedOnVersion, RuleChange change) {
        requireInRecord(purposeKey, category);
        if (change.unlessConsent() != null && !record.isKnownPurpose(change.unlessConsent())) {
            throw new InvalidInput("unlessConsent", "is not a purpose of the record of processing", "error.field.purpose");
        }
        int current = rules.current(purposeKey, category).map(RetentionRule::version).orElse(0);
        Actor actor = Actors.current();
        if (current != basedOnVersion || !rules.insert(purposeKey, category, current + 1, change, actor.reference(),
                clock.instant())) {
            throw new Conflict("stale-rule-version", "Stale rule version",
                    "The rule was changed meanwhile (now version " + current + "); reload and edit again");
        }
        audit.record(AuditEvent.by(actor, "retention.rule.change", Outcome.SUCCESS).withPurpose(purposeKey)
                .withTargets("rule:" + purposeKey + "." + category, "version:" + (current + 1)));
        return rules.current(purposeKey, category).orElseThrow();
    }

    /** Seeds the default rule of every purpose and category of the record that has none yet; returns how many. */
    int seedMissing() {
        int seeded = 0;
        Actor seed = Actor.system("retention-seed");
        for (PolicyCoverage c : coverage()) {
            for (PolicyCoverage.Entry e : c.entries()) {
                RuleChange rule = e.rule() == null ? DefaultRules.of(c.purposeKey(), e.category()) : null;
                if (rule != null && rules.insert(c.purposeKey(), e.category(), 1, rule, seed.reference(), clock.instant())) {
                    seeded++;
                }
            }
        }
        if (seeded > 0) {
            log.info("Retention rules seeded: {}", seeded);
        }
        return seeded;
    }

    private void requireInRecord(String purposeKey, String category) {
        Activity activity = record.current().document().activityOf(purposeKey)
                .orElseThrow(() -> new InvalidInput("purpose", "is not a purpose of the record of processing", "error.field.purpose"));
        if (!activity.dataCategories().contains(category)) {
            throw new InvalidInput("category", "is not a data category of purpose '" + purposeKey + "'",
                    "retention.error.categoryOfPurpose", "purpose:" + purposeKey);
        }
    }
}
