package no.vern.shared.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.mail.internet.MimeMessage;
import no.vern.shared.KernelCipher;
import no.vern.shared.Mail;
import no.vern.shared.MailSignature;
import no.vern.shared.MailNotSent;
import no.vern.support.Canaries;
import no.vern.support.TestClock;
import no.vern.support.VernTest;

/**
 * The shared outgoing-mail service against the real outbox table and key, and a mail server of its own
 * that is down until a test starts it: a queued message outlives the outage and is sent once, a message
 * claimed when its node died is never resent, the table holds no readable address, and no log line names
 * the address, the subject or the text (only the message reference).
 */
@VernTest
class OutgoingMailTests {

    static final String FROM = "avsender@vern.example";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    KernelCipher cipher;
    @Autowired
    PlatformTransactionManager transactions;

    final TestClock clock = new TestClock();
    final int port = freePort();
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger logger = (Logger) LoggerFactory.getLogger(OutboxMail.class.getPackageName());
    GreenMail server;
    OutboxMail mail;
    MailOutbox outbox;

    @BeforeEach
    void mailServerDown() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "2000");
        sender.setJavaMailProperties(timeouts);
        outbox = new MailOutbox(jdbc);
        mail = new OutboxMail(outbox, new SealedMail(cipher), new MailTransport(sender, signature),
                new MailSettings(10, Duration.ofMinutes(10), Duration.ofDays(30), Duration.ofSeconds(15)),
                transactions, clock, signature);
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        logger.setLevel(null);
        if (server != null) {
            server.stop();
        }
    }

    void mailServerUp() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        // Made in advance: GreenMail (the test's server, not Vern) logs an address when it creates a mailbox.
        server.setUser(Canaries.EMAIL, "kanari-login", "kanari-passord");
    }

    /** The company profile's sender and footer as the kernel sees them; no footer unless a test sets one. */
    static final class Signature implements MailSignature {
        Map<String, String> footers = Map.of();

        @Override
        public String sender() {
            return FROM;
        }

        @Override
        public String footer(Locale language) {
            return footers.getOrDefault(language.getLanguage(), "");
        }
    }

    final Signature signature = new Signature();

    @Test
    void theProfileFooterGoesUnderEveryMailInItsLanguageAndInsideAnExistingSignatureBlock() {
        signature.footers = Map.of("nb", "Testfirma AS, org.nr. 999 999 999", "en", "Testfirma AS, org. no. 999 999 999");
        assertThat(mail.signed(Mail.to("a@b.example", "S", "Hei.").withHeader("Content-Language", "nb")).body())
                .isEqualTo("Hei.\n\n-- \nTestfirma AS, org.nr. 999 999 999\n");
        assertThat(mail.signed(Mail.to("a@b.example", "S", "Hi.").withHeader("Content-Language", "en")).body())
                .isEqualTo("Hi.\n\n-- \nTestfirma AS, org. no. 999 999 999\n");
        // No language on the message: both, Norwegian first.
        assertThat(mail.signed(Mail.to("a@b.example", "S", "Hei.")).body())
                .isEqualTo("Hei.\n\n-- \nTestfirma AS, org.nr. 999 999 999\n\nTestfirma AS, org. no. 999 999 999\n");
        // List mail already has a signature block (the objection link): one block, the footer under it.
        assertThat(mail.signed(Mail.to("a@b.example", "S", "Hei.\n\n-- \nMeld deg av: https://x.example/a\n")
                .withHeader("Content-Language", "nb")).body())
                .isEqualTo("Hei.\n\n-- \nMeld deg av: https://x.example/a\n\nTestfirma AS, org.nr. 999 999 999\n");
        signature.footers = Map.of();
        assertThat(mail.signed(Mail.to("a@b.example", "S", "Hei.")).body()).isEqualTo("Hei.");
    }

    @Test
    void aQueuedMessageOutlivesAMailServerOutageAndIsSentOnceWhenTheServerIsBack() throws Exception {
        String subject = "Kvittering " + UUID.randomUUID();
        String body = "Hei " + Canaries.NAME + ", her er kvitteringen din.";

        UUID id = mail.send(Mail.to(Canaries.EMAIL, subject, body));

        // The try right after the write failed (nobody listens): the message waits, sealed, for a retry.
        assertThat(row(id)).containsEntry("state", "PENDING").containsEntry("attempts", 1);
        byte[] content = content(id);
        assertThat(content).isNotNull();
        String stored = new String(content, StandardCharsets.ISO_8859_1);
        assertThat(stored).doesNotContain(Canaries.EMAIL, subject, Canaries.NAME);
        assertThat(HexFormat.of().formatHex(content))
                .doesNotContain(HexFormat.of().formatHex(Canaries.EMAIL.getBytes(StandardCharsets.UTF_8)));
        mail.sendDue();
        assertThat(row(id)).as("not due before its back-off").containsEntry("attempts", 1);

        mailServerUp();
        clock.advance(Duration.ofMinutes(2));
        mail.sendDue();
        mail.sendDue();

        List<MimeMessage> received = receivedAbout(subject);
        assertThat(received).as("sent once").singleElement().satisfies(m -> {
            assertThat(m.getFrom()[0].toString()).isEqualTo(FROM);
            assertThat(m.getAllRecipients()[0].toString()).isEqualTo(Canaries.EMAIL);
            assertThat(String.valueOf(m.getContent()).strip()).isEqualTo(body);
        });
        assertThat(row(id)).containsEntry("state", "SENT").containsEntry("attempts", 2);
        assertThat(content(id)).as("the content goes once sent").isNull();

        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("the failure and the send are logged by reference").anyMatch(l -> l.contains(id.toString()))
                .filteredOn(l -> l.contains(id.toString())).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines).noneMatch(l -> l.contains(Canaries.EMAIL) || l.contains(subject) || l.contains(Canaries.NAME));
    }

    @Test
    void aMessageClaimedWhenItsNodeDiedIsCountedUncertainAndNeverSentAgain() {
        String subject = "Avbrutt " + UUID.randomUUID();
        UUID id = mail.send(Mail.to(Canaries.EMAIL, subject, "Tekst"));
        // The node claims the message for its SMTP call and dies before recording the outcome.
        assertThat(outbox.claim(id, clock.instant())).isPresent();
        jdbc.sql("UPDATE shared_mail_outbox SET updated_at = updated_at - interval '11 minutes' WHERE id = :id")
                .param("id", id).update();
        mailServerUp();
        clock.advance(Duration.ofMinutes(2));

        mail.sendDue();
        mail.sendDue();

        assertThat(receivedAbout(subject)).isEmpty();
        assertThat(row(id)).containsEntry("state", "UNCERTAIN");
        assertThat(content(id)).isNull();
    }

    @Test
    void aMessageOfARolledBackChangeIsNeitherKeptNorSent() {
        mailServerUp();
        String subject = "Angret " + UUID.randomUUID();
        UUID[] id = new UUID[1];
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            id[0] = mail.send(Mail.to(Canaries.EMAIL, subject, "Tekst"));
            tx.setRollbackOnly();
        });

        assertThat(jdbc.sql("SELECT count(*) FROM shared_mail_outbox WHERE id = :id").param("id", id[0])
                .query(Long.class).single()).isZero();
        assertThat(receivedAbout(subject)).isEmpty();
    }

    @Test
    void aMessageOfACommittedChangeLeavesRightAfterTheCommitWithItsHeaders() throws Exception {
        mailServerUp();
        String subject = "Nyhetsbrev æøå " + UUID.randomUUID();
        UUID[] id = new UUID[1];
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            id[0] = mail.send(Mail.to(Canaries.EMAIL, subject, "Blåbærsyltetøy").withHeader("List-Id", "<liste.vern>"));
            assertThat(receivedAbout(subject)).as("nothing leaves before the commit").isEmpty();
        });

        assertThat(receivedAbout(subject)).singleElement().satisfies(m -> {
            assertThat(m.getHeader("List-Id")).containsExactly("<liste.vern>");
            assertThat(String.valueOf(m.getContent()).strip()).isEqualTo("Blåbærsyltetøy");
        });
        assertThat(row(id[0])).containsEntry("state", "SENT");
    }

    @Test
    void aQueuedMessageLeavesAfterTheCommitFromABackgroundThreadNotTheCaller() throws Exception {
        mailServerUp();
        String subject = "Kode " + UUID.randomUUID();
        UUID[] id = new UUID[1];
        Thread caller = Thread.currentThread();
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            id[0] = mail.send(Mail.to(Canaries.EMAIL, subject, "123456").queued());
            assertThat(receivedAbout(subject)).as("nothing leaves before the commit").isEmpty();
        });

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((receivedAbout(subject).isEmpty() || !"SENT".equals(row(id[0]).get("state"))
                || List.copyOf(logs.list).stream().noneMatch(e -> e.getFormattedMessage().contains(id[0] + " sent")))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(receivedAbout(subject)).hasSize(1);
        assertThat(row(id[0])).containsEntry("state", "SENT");
        assertThat(List.copyOf(logs.list)).filteredOn(e -> e.getFormattedMessage().contains(id[0] + " sent"))
                .singleElement().satisfies(e -> assertThat(e.getThreadName()).isNotEqualTo(caller.getName())
                        .isEqualTo("mail-queued"));
    }

    @Test
    void aDecoyDoesTheWorkOfAMessageButKeepsNothingAndSendsNothing() {
        mailServerUp();
        String subject = "Lokkedue " + UUID.randomUUID();
        clock.advance(Duration.ofSeconds(7)); // an instant no other message of this test class was written at
        String atThisInstant = "SELECT count(*) FROM shared_mail_outbox WHERE created_at = :t";
        long[] inside = new long[1];
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            mail.decoy(Mail.to(Canaries.EMAIL, subject, "123456").queued());
            inside[0] = jdbc.sql(atThisInstant).param("t", no.vern.shared.JdbcTime.param(clock.instant()))
                    .query(Long.class).single();
        });

        mail.sendDue();
        assertThat(inside[0]).as("no row is left in the transaction").isZero();
        assertThat(jdbc.sql(atThisInstant).param("t", no.vern.shared.JdbcTime.param(clock.instant()))
                .query(Long.class).single()).isZero();
        assertThat(receivedAbout(subject)).isEmpty();
    }

    @Test
    void anImmediateMessageFailsAtOnceWithoutNamingTheAddressAndLeavesNoRow() {
        assertThatThrownBy(() -> mail.send(Mail.to(Canaries.EMAIL, "Straks", "Tekst").immediately()))
                .isInstanceOfSatisfying(MailNotSent.class, e -> {
                    assertThat(e.permanent()).as("no connection is temporary").isFalse();
                    assertThat(e.getMessage()).contains(e.reference().toString()).doesNotContain(Canaries.EMAIL);
                    assertThat(jdbc.sql("SELECT count(*) FROM shared_mail_outbox WHERE id = :id")
                            .param("id", e.reference()).query(Long.class).single()).isZero();
                });

        mailServerUp();
        UUID sent = mail.send(Mail.to(Canaries.EMAIL, "Straks " + UUID.randomUUID(), "Tekst").immediately());
        assertThat(server.getReceivedMessages()).hasSize(1);
        assertThat(sent).isNotNull();
    }

    @Test
    void aSealedMessageOpensOnlyUnderItsOwnId() {
        SealedMail sealed = new SealedMail(cipher);
        UUID id = UUID.randomUUID();
        Mail original = Mail.to(Canaries.EMAIL, "Emne", "Tekst").withHeader("Content-Language", "nb");
        byte[] ciphertext = sealed.seal(id, original);

        assertThat(sealed.open(id, ciphertext)).isEqualTo(original);
        assertThatThrownBy(() -> sealed.open(UUID.randomUUID(), ciphertext)).isInstanceOf(RuntimeException.class);
        assertThat(original.toString()).doesNotContain(Canaries.EMAIL, "Emne", "Tekst");
    }

    @Test
    void aRefusedOrMalformedAddressIsPermanentAndAnOutageIsNot() {
        assertThat(MailTransport.permanent(new jakarta.mail.internet.AddressException("bad"))).isTrue();
        assertThat(MailTransport.permanent(new org.springframework.mail.MailSendException("down",
                new java.net.ConnectException("refused")))).isFalse();
        assertThat(MailTransport.permanent(new org.springframework.mail.MailSendException(Map.of(new Object(),
                new org.eclipse.angus.mail.smtp.SMTPSendFailedException("DATA", 554, "rejected", null, null, null, null)))))
                .isTrue();
        assertThat(MailTransport.permanent(new org.springframework.mail.MailSendException(Map.of(new Object(),
                new org.eclipse.angus.mail.smtp.SMTPSendFailedException("DATA", 451, "try later", null, null, null, null)))))
                .isFalse();
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("SELECT state, attempts FROM shared_mail_outbox WHERE id = :id").param("id", id)
                .query((rs, n) -> Map.<String, Object>of("state", rs.getString("state"), "attempts", rs.getInt("attempts")))
                .single();
    }

    private byte[] content(UUID id) {
        return jdbc.sql("SELECT content FROM shared_mail_outbox WHERE id = :id").param("id", id)
                .query((rs, n) -> rs.getBytes("content")).list().get(0);
    }

    private List<MimeMessage> receivedAbout(String subject) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(m -> {
            try {
                return subject.equals(m.getSubject());
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
