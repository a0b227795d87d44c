package no.vern.shared;

/** Implemented by authenticated principals so that any module can learn who is acting. */
public interface ActorSource {

    /** The actor behind this principal. */
    Actor actor();
}
