package no.vern.communications;

/** What a mailing list is for: a recurring newsletter or invitations to seminars, courses and events (S7). */
public enum ListKind {
    NEWSLETTER, INVITATION
}
