package no.vern.consent.internal;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import no.vern.consent.ConsentReceiptDocument;

/**
 * Sends a consent receipt with its one-click withdrawal link to the address the person gave. The
 * address is used for this one message only: it is never stored, and logs name the receipt id only.
 */
@Component
class ReceiptMailer {

    private static final Logger log = LoggerFactory.getLogger(ReceiptMailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;

    ReceiptMailer(ObjectProvider<JavaMailSender> sender, MessageSource messages) {
        this.sender = sender;
        this.messages = messages;
    }

    /** Sends the receipt; a failure is logged (receipt id only) and does not undo the recorded consent. */
    void send(String email, ConsentReceiptDocument receipt, Locale language) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            log.warn("No mail sender configured; receipt {} was not mailed", receipt.receiptId());
            return;
        }
        ConsentReceiptDocument.PurposeEntry purpose = receipt.purposes().get(0);
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(receipt.controller().email());
        message.setTo(email);
        message.setSubject(messages.getMessage("consent.mail.subject", new Object[] { purpose.name() }, language));
        message.setText(messages.getMessage("consent.mail.body", new Object[] { purpose.name(),
                receipt.controller().name(), receipt.receiptId().toString(), receipt.withdrawal().url(),
                receipt.withdrawal().url() + "/kvittering.json", receipt.notice().version(), receipt.notice().sha256() },
                language));
        try {
            mail.send(message);
            log.info("Receipt {} mailed", receipt.receiptId());
        } catch (MailException e) {
            // The exception's message may name the recipient: log its type only.
            log.warn("Receipt {} could not be mailed ({})", receipt.receiptId(), e.getClass().getSimpleName());
        }
    }
}
