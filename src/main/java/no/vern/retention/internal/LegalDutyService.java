package no.vern.retention.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import no.vern.processing.LegalBasis;
import no.vern.processing.ProcessingRecord;
import no.vern.processing.UnknownPurpose;
import no.vern.retention.LegalDuties;
import no.vern.retention.LegalDuty;
import no.vern.retention.RuleKind;

/** Legal duties from the current rule versions (see {@link Duties} for the law). */
@Service
class LegalDutyService implements LegalDuties {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    private final Rules rules;
    private final ProcessingRecord record;
    private final MessageSource messages;

    LegalDutyService(Rules rules, ProcessingRecord record, MessageSource messages) {
        this.rules = rules;
        this.record = record;
        this.messages = messages;
    }

    @Override
    public Optional<LegalDuty> heldUnder(String purposeKey, String category, Instant dated) {
        LegalBasis basis;
        try {
            basis = record.legalBasisOf(purposeKey);
        } catch (UnknownPurpose e) {
            return Optional.empty();
        }
        return rules.current(purposeKey, category).flatMap(rule -> Duties.of(rule, basis, dated));
    }

    @Override
    public String describe(LegalDuty duty, Locale locale) {
        String unit = messages.getMessage("retention.unit." + duty.unit().name(), null, locale);
        String key = duty.kind() == RuleKind.BOOKKEEPING ? "retention.duty.bookkeeping" : "retention.duty.obligation";
        return messages.getMessage(key, new Object[] { duty.act(), duty.amount(), unit, DAY.format(duty.anchor()) }, locale);
    }
}
