package no.vern.breach.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the breach module: the privacy mailbox that receives reports and escalations (staff
 * accounts hold no email address) and the public form's rate limit.
 *
 * @param officerEmail the privacy officer's mailbox
 * @param publicReportsPerHour public reports accepted per IP address and hour
 * @param consoleUrl base address of the console for links in mail
 */
@ConfigurationProperties("vern.breach")
record BreachProperties(@DefaultValue("personvern@webstep.no") String officerEmail,
        @DefaultValue("5") int publicReportsPerHour,
        @DefaultValue("http://localhost:8080") String consoleUrl) {
}
