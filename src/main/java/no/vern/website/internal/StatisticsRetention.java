package no.vern.website.internal;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.processing.ProcessingRecordDocument;
import no.vern.processing.RetentionStatement;
import no.vern.processing.RetentionStatements;

/**
 * How long the visit statistics keep single page views, as the nightly job deletes them ({@link StatisticsJobs}):
 * the published policy states it for the statistics purpose (S13, S17, S30).
 */
@Component
class StatisticsRetention implements RetentionStatements {

    /** The purpose of the record the statistics are kept for. */
    static final String PURPOSE = "website-statistics";

    private final WebsiteProperties properties;
    private final MessageSource messages;

    StatisticsRetention(WebsiteProperties properties, MessageSource messages) {
        this.properties = properties;
        this.messages = messages;
    }

    @Override
    public List<RetentionStatement> statements(ProcessingRecordDocument record, Locale locale) {
        if (record.purpose(PURPOSE).isEmpty()) {
            return List.of();
        }
        return List.of(new RetentionStatement(PURPOSE, messages.getMessage("website.retention.pageViews",
                new Object[] { StatisticsJobs.rawDays(properties) }, locale)));
    }
}
