package no.vern.breach;

import org.springframework.modulith.NamedInterface;

import no.vern.shared.SubjectId;

/**
 * SPI for delivering a breach notice to one affected person (GDPR Art. 34(1)); implemented by the
 * module that knows the person's address and language (communications / register). Without an
 * implementation the breach module records every notice as pending delivery, never as sent.
 */
@NamedInterface("spi")
public interface BreachNoticeSender {

    /**
     * Delivers the notice to the person in their language (choose the text from
     * {@link BreachNotice#text(String)}); must not throw for an unknown or erased person but answer
     * {@link NoticeOutcome#failed()}.
     */
    NoticeOutcome send(SubjectId subject, BreachNotice notice);
}
