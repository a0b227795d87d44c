package no.vern.shared.internal;

import java.util.UUID;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import no.vern.shared.Mail;
import no.vern.shared.MailNotSent;
import no.vern.shared.MailSignature;

/**
 * The SMTP call: a UTF-8 plain-text message from the company profile's sender ({@link MailSignature}) with the message's headers, and
 * the verdict on a failure (permanent or worth a retry). The one place in Vern that uses
 * {@link JavaMailSender}. Failures keep only the exception's class: SMTP replies can quote the address.
 */
final class MailTransport {

    private final JavaMailSender sender;
    private final MailSignature signature;

    MailTransport(JavaMailSender sender, MailSignature signature) {
        this.sender = sender;
        this.signature = signature;
    }

    /** Hands the message to the mail server; {@link MailNotSent} when it does not take it. */
    void send(UUID reference, Mail mail) {
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(signature.sender());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.body());
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            sender.send(message);
        } catch (MessagingException | RuntimeException e) {
            throw new MailNotSent(reference, permanent(e), e.getClass().getSimpleName());
        }
    }

    /**
     * A 5xx reply, a refused or malformed address, a message that cannot be built: retrying will not help.
     * Anything else (no connection, a 4xx reply, a login failure) is temporary.
     */
    static boolean permanent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AddressException || t instanceof MailParseException || t instanceof MailPreparationException) {
                return true;
            }
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof MailSendException m) {
                for (Exception inner : m.getMessageExceptions()) {
                    if (permanent(inner)) {
                        return true;
                    }
                }
            }
            if (t instanceof MessagingException m && m.getNextException() != null && permanent(m.getNextException())) {
                return true;
            }
        }
        return false;
    }
}
