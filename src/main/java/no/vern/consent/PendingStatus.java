package no.vern.consent;

/** Where data that arrived before consent stands. */
public enum PendingStatus {
    /** Held encrypted, waiting for the person's answer; nobody can read it. */
    PENDING,
    /** The person consented: the data was moved into the register under the purpose. */
    MOVED,
    /** The person said no: the key was destroyed and the data deleted. */
    DECLINED,
    /** No answer in time: the key was destroyed and the data deleted (S5). */
    PURGED
}
