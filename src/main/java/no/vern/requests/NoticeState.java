package no.vern.requests;

/**
 * Where telling one recipient of a change stands (GDPR Art. 19): open, told, or not told because telling it
 * proved impossible or would involve disproportionate effort (the two exceptions the article allows).
 */
public enum NoticeState {
    OPEN, TOLD, IMPOSSIBLE, DISPROPORTIONATE;

    /** Whether the task is settled (the person may be told what happened). */
    public boolean settled() {
        return this != OPEN;
    }
}
