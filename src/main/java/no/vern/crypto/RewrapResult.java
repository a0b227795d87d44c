package no.vern.crypto;

/**
 * Outcome of a re-wrap run: counts only.
 *
 * @param primaryKeyId the master key the subject keys are now wrapped by
 * @param rewrapped how many subject keys were re-wrapped
 * @param failed how many could not be unwrapped (left as they were; logged by subject id)
 */
public record RewrapResult(long primaryKeyId, int rewrapped, int failed) {
}
