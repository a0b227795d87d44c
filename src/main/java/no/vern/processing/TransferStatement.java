package no.vern.processing;

import java.util.List;

/**
 * One registered transfer as the policy states it, already in the reader's language.
 *
 * @param recipient who receives the data there (a company)
 * @param country the destination country's name
 * @param mechanism the ground of the transfer in words (e.g. "standard contractual clauses (2021/914, module two)")
 * @param activities ids of the record's activities whose data goes there
 */
public record TransferStatement(String recipient, String country, String mechanism, List<String> activities) {

    public TransferStatement {
        activities = List.copyOf(activities);
    }
}
