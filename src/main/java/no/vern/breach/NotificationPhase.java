package no.vern.breach;

/** Datatilsynet may be notified in phases when not everything is known at once (Art. 33(4)). */
public enum NotificationPhase {
    INITIAL, FOLLOW_UP
}
