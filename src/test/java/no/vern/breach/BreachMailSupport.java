package no.vern.breach;

import no.vern.support.TestMail;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One GreenMail SMTP server per test JVM on a free port, wired into the application as its mail
 * server; breach tests that read mail extend this class and share one application context.
 */
public abstract class BreachMailSupport {

    /** The SMTP server every breach test context sends to. */
    protected static final GreenMail MAIL = TestMail.server();

    /** The received messages whose subject contains the text (e.g. a receipt number). */
    protected static List<MimeMessage> mailAbout(String text) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> subject(m).contains(text)).toList();
    }

    /** The subject of a message. */
    protected static String subject(MimeMessage message) {
        try {
            return message.getSubject() == null ? "" : message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
