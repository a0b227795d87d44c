package no.vern.breach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One GreenMail SMTP server per test JVM on a free port, wired into the application as its mail
 * server; breach tests that read mail extend this class and share one application context.
 */
public abstract class BreachMailSupport {

    /** The SMTP server every breach test context sends to. */
    protected static final GreenMail MAIL;

    static {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MAIL = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        MAIL.start();
    }

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

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
