package no.vern.requests.internal;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the requests module (the daily digest goes to the company profile's privacy mailbox).
 *
 * @param codeTtl how long a one-time code is valid
 * @param codeAttempts wrong guesses allowed per code
 * @param codesPerAddress codes sent per address per hour
 * @param codesPerIp form submissions and code checks per IP per hour
 * @param downloadDays how long an access export can be downloaded after it is ready
 * @param keepClosedCases how long a closed case keeps its personal data (address, own words, notes) as proof
 *        of the answer; then only kind, dates, outcome and history remain (three years: the general
 *        limitation period of the Limitation Act § 2 for a claim that a request was mishandled)
 * @param answerFloor the least time the privacy center takes to answer a form post or a resend, measured from
 *        its arrival to after the commit (no timing oracle: what equal work cannot make equal, such as the fresh
 *        data key of an address not on file, is hidden under it; issue 24, item 2)
 */
@ConfigurationProperties("vern.requests")
record RequestsProperties(@DefaultValue("PT15M") Duration codeTtl, @DefaultValue("5") int codeAttempts, @DefaultValue("3") int codesPerAddress,
        @DefaultValue("20") int codesPerIp, @DefaultValue("7") int downloadDays,
        @DefaultValue("P3Y") Period keepClosedCases, @DefaultValue("PT0.35S") Duration answerFloor) {
}
