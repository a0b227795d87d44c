package no.vern.consent.internal;

import java.util.Locale;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import no.vern.consent.ConsentReceiptDocument;
import no.vern.shared.Mail;
import no.vern.shared.OutgoingMail;

/**
 * Sends a consent receipt with its one-click withdrawal link to the address the person gave. The
 * address is used for this one message only: the consent module never stores it (the shared outbox holds
 * it encrypted until the message is sent), and logs name the receipt id and the mail reference only.
 */
@Component
class ReceiptMailer {

    private static final Logger log = LoggerFactory.getLogger(ReceiptMailer.class);

    private final OutgoingMail mail;
    private final MessageSource messages;

    ReceiptMailer(OutgoingMail mail, MessageSource messages) {
        this.mail = mail;
        this.messages = messages;
    }

    /** Sends the receipt once the consent is committed; a failed send is retried and never undoes the consent. */
    void send(String email, ConsentReceiptDocument receipt, Locale language) {
        ConsentReceiptDocument.PurposeEntry purpose = receipt.purposes().get(0);
        UUID reference = mail.send(Mail.fromTemplate(email, messages, "consent.mail", language, purpose.name(),
                receipt.controller().name(), receipt.receiptId().toString(), receipt.withdrawal().url(),
                receipt.withdrawal().url() + "/kvittering.json", receipt.notice().version(), receipt.notice().sha256()));
        log.info("Receipt {} is mail {}", receipt.receiptId(), reference);
    }
}
