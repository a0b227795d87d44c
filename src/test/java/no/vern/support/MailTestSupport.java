package no.vern.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One GreenMail SMTP server per test JVM on a free port, wired into the application as its mail
 * server; tests that read mail (events, pending consent) extend this class and share one application context.
 */
public abstract class MailTestSupport {

    /** The SMTP server every test context of a subclass sends to. */
    protected static final GreenMail MAIL = TestMail.server();

    /** A unique invented address (its mailbox made in advance, so GreenMail logs nothing about it). */
    protected static String uniqueEmail() {
        String email = "d" + UUID.randomUUID().toString().substring(0, 12) + "@deltaker.example";
        MAIL.setUser(email, email, "passord");
        return email;
    }

    /** Waits up to ten seconds for a message to the address whose subject starts with the text. */
    protected static MimeMessage awaitMail(String to, String subjectStart) {
        Instant end = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(end)) {
            List<MimeMessage> found = mailTo(to, subjectStart);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no mail '" + subjectStart + "' within 10 s");
    }

    /**
     * The messages to the address whose subject starts with the text, once there are at least {@code count}
     * (mail sent after the commit on a background thread arrives a little later), or what came within 20 s.
     */
    protected static List<MimeMessage> awaitMailTo(String to, String subjectStart, int count) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        List<MimeMessage> mails = mailTo(to, subjectStart);
        while (mails.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            mails = mailTo(to, subjectStart);
        }
        return mails;
    }

    /** The messages to the address whose subject starts with the text. */
    protected static List<MimeMessage> mailTo(String to, String subjectStart) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(to))
                .filter(m -> subject(m).startsWith(subjectStart)).toList();
    }

    /** The decoded plain-text body of a message. */
    protected static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first link in a body that starts with the given path (after the server part). */
    protected static String link(String body, String path) {
        int at = body.indexOf(path);
        if (at < 0) {
            throw new AssertionError("no link to " + path + " in the mail");
        }
        int end = at;
        while (end < body.length() && !Character.isWhitespace(body.charAt(end))) {
            end++;
        }
        return body.substring(at, end);
    }

    protected static String subject(MimeMessage message) {
        try {
            String s = message.getSubject();
            return s == null ? "" : s;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString().toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
