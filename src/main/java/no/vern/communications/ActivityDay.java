package no.vern.communications;

import java.time.LocalDate;

/**
 * Messages sent and objections received on one day (Europe/Oslo), for the console chart.
 *
 * @param day the day
 * @param sent messages sent
 * @param objections objections recorded
 */
public record ActivityDay(LocalDate day, long sent, long objections) {
}
