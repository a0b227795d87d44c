package no.vern.informing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of the Art. 14 notices.
 *
 * @param delay how long after the data is obtained the notice goes out (time to record an exemption for an import);
 *        never later than the one month of GDPR Art. 14(3)(a), whatever is configured
 * @param interval how often the job looks for notices due
 */
@ConfigurationProperties("vern.informing")
record InformingProperties(@DefaultValue("P7D") Duration delay, @DefaultValue("PT15M") Duration interval) {
}
