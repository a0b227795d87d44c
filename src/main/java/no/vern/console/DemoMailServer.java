package no.vern.console;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import no.vern.shared.DemoMode;

/**
 * The demo's own mail server: in demo mode without {@code VERN_SMTP_HOST}, Vern starts a local
 * SMTP server (GreenMail) on the configured port, so every email Vern sends really goes out and
 * can be read in the console instead of failing or reaching real people.
 */
@Component
public class DemoMailServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoMailServer.class);

    /** One received message as the console lists it. */
    public record Received(int index, String subject, String to, java.time.@Nullable Instant sentAt, String body) {
    }

    private final boolean wanted;
    private final int port;
    private @Nullable GreenMail server;

    DemoMailServer(DemoMode demo, @Value("${VERN_SMTP_HOST:}") String externalHost,
            @Value("${spring.mail.port:3025}") int port) {
        this.wanted = demo.enabled() && externalHost.isBlank();
        this.port = port;
    }

    @Override
    public synchronized void start() {
        if (!wanted || server != null) {
            return;
        }
        try {
            GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            server = mail;
            log.info("Demo mail server listening on 127.0.0.1:{}; read the mail under /console/mail", port);
        } catch (RuntimeException e) {
            log.warn("Could not start the demo mail server on port {} ({}); mail will not be delivered",
                    port, e.getClass().getSimpleName());
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        // Up before anything that sends mail starts, down after it stops.
        return Integer.MIN_VALUE + 100;
    }

    /** Messages received so far, newest first; empty when the server is not running. */
    public synchronized List<Received> received() {
        if (server == null) {
            return List.of();
        }
        MimeMessage[] messages = server.getReceivedMessages();
        return java.util.stream.IntStream.range(0, messages.length).mapToObj(i -> describe(i, messages[i]))
                .sorted(Comparator.comparingInt(Received::index).reversed()).toList();
    }

    /** One received message by its index. */
    public synchronized Optional<Received> message(int index) {
        return received().stream().filter(r -> r.index() == index).findFirst();
    }

    private static Received describe(int index, MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return new Received(index, String.valueOf(message.getSubject()),
                    to == null ? "" : String.join(", ", Arrays.stream(to).map(Address::toString).toList()),
                    message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                    GreenMailUtil.getBody(message));
        } catch (jakarta.mail.MessagingException e) {
            return new Received(index, "(unreadable)", "", null, "");
        }
    }
}
