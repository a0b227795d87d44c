package no.vern.communications.internal;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import no.vern.communications.Communications;
import no.vern.communications.ObjectionChannel;
import no.vern.communications.Unsubscribe;
import no.vern.shared.SubjectId;

/** {@link Unsubscribe} over the signed tokens and the objection events. */
@Component
class UnsubscribeLinks implements Unsubscribe {

    private final UnsubscribeTokens tokens;
    private final Objections objections;
    private final Communications communications;
    private final ListMessages messages;

    UnsubscribeLinks(UnsubscribeTokens tokens, Objections objections, Communications communications,
            ListMessages messages) {
        this.tokens = tokens;
        this.objections = objections;
        this.communications = communications;
        this.messages = messages;
    }

    @Override
    public Optional<Link> link(String token) {
        return tokens.verify(token).map(t -> new Link(t.listId(), t.subject(), objections.objected(t.subject(), t.listId()),
                objections.objected(t.subject(), null)));
    }

    @Override
    public void object(Link link, boolean all, ObjectionChannel channel) {
        communications.object(link.subject(), all ? null : link.listId(), channel);
    }

    @Override
    public String url(UUID listId, SubjectId subject, String language) {
        return messages.unsubscribeUrl(listId, subject, language);
    }
}
