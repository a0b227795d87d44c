package no.vern.training.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the security programme (staff accounts hold no email address: reminders go to
 * {@code <username>@<the company profile's mail domain>}).
 *
 * @param restrictLapsed whether staff whose required training has lapsed are refused reads of personal data
 * @param reminderDays how many days before the due date the reminder goes out
 * @param graceDays how long a new staff member (or a new training) has before the first completion is due
 */
@ConfigurationProperties("vern.training")
record TrainingProperties(@DefaultValue("false") boolean restrictLapsed, @DefaultValue("30") int reminderDays,
        @DefaultValue("30") int graceDays) {
}
