package no.vern.website.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the website module ({@code vern.website.*}).
 *
 * @param rawRetention how long raw page views are kept before only daily counts remain (S16, S17)
 * @param beaconMaxBytes largest accepted beacon body
 * @param beaconPerMinute beacon requests accepted per source and minute on one node
 * @param maxPathLength longest page path accepted
 * @param consentPerMinute banner choices accepted per source and minute on one node (a visitor chooses once
 *        per half year; the limit keeps a script from filling the proof log)
 */
@ConfigurationProperties("vern.website")
record WebsiteProperties(@DefaultValue("7d") Duration rawRetention, @DefaultValue("2048") int beaconMaxBytes,
        @DefaultValue("600") int beaconPerMinute, @DefaultValue("512") int maxPathLength, @DefaultValue("60") int consentPerMinute) {
}
