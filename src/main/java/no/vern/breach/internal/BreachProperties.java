package no.vern.breach.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the breach module: the public form's rate limit and the console's address in mail (reports
 * and escalations go to the company profile's privacy mailbox: staff accounts hold no email address).
 *
 * @param publicReportsPerHour public reports accepted per IP address and hour
 * @param consoleUrl base address of the console for links in mail
 */
@ConfigurationProperties("vern.breach")
record BreachProperties(@DefaultValue("5") int publicReportsPerHour,
        @DefaultValue("http://localhost:8080") String consoleUrl) {
}
