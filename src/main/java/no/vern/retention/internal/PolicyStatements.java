package no.vern.retention.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RetentionStatement;
import no.vern.processing.RetentionStatements;
import no.vern.retention.PolicyCoverage;
import no.vern.retention.RetentionPolicies;
import no.vern.retention.RetentionRule;
import no.vern.retention.RuleKind;

/**
 * The retention of every purpose as the current rules state it, for the published policy (S13, S23, S30): one
 * statement per group of categories that share a rule, e.g. "Name, Email: as long as the agreement runs, and 3
 * months after it ended". A category without a rule is left out (the console flags it); a purpose without any is
 * then "not set" in the policy.
 */
@Component
class PolicyStatements implements RetentionStatements {

    private final RetentionPolicies policies;
    private final MessageSource messages;

    PolicyStatements(RetentionPolicies policies, MessageSource messages) {
        this.policies = policies;
        this.messages = messages;
    }

    @Override
    public List<RetentionStatement> statements(ProcessingRecordDocument record, Locale locale) {
        List<RetentionStatement> statements = new ArrayList<>();
        for (PolicyCoverage coverage : policies.coverage()) {
            Map<String, List<String>> categoriesByWords = new LinkedHashMap<>();
            for (PolicyCoverage.Entry entry : coverage.entries()) {
                RetentionRule rule = entry.rule();
                if (rule != null) {
                    String name = record.dataCategory(entry.category()).map(c -> c.name().in(locale))
                            .orElse(entry.category());
                    categoriesByWords.computeIfAbsent(words(rule, record, locale), k -> new ArrayList<>()).add(name);
                }
            }
            categoriesByWords.forEach((words, categories) -> statements.add(new RetentionStatement(
                    coverage.purposeKey(), String.join(", ", categories) + ": " + words)));
        }
        return statements;
    }

    /** A rule in words for the person, e.g. "5 år fra utgangen av regnskapsåret (bokføringsloven § 13)". */
    String words(RetentionRule rule, ProcessingRecordDocument record, Locale locale) {
        String unit = messages.getMessage("retention.unit." + rule.unit().name(), null, locale);
        String key = "retention.policy." + rule.kind().name() + (rule.amount() == 0 ? ".zero" : "");
        String text = messages.getMessage(key, new Object[] { rule.amount(), unit }, locale);
        String unless = rule.unlessConsent();
        if (unless != null && rule.kind() != RuleKind.UNTIL_CONSENT_ENDS) {
            String purpose = record.purpose(unless).map(p -> p.name().in(locale)).orElse(unless);
            text += messages.getMessage("retention.policy.unlessConsent", new Object[] { purpose }, locale);
        }
        return text;
    }
}
