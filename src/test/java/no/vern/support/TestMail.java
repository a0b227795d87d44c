package no.vern.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * One GreenMail SMTP server per test JVM, wired into every application context of the JVM by
 * {@link SharedTestInfrastructure}, so that tests reading mail need no context of their own.
 */
public final class TestMail {

    private static GreenMail server;

    private TestMail() {
    }

    /** The JVM's SMTP server, started on a free loopback port on first use. */
    public static synchronized GreenMail server() {
        if (server == null) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            GreenMail mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            // Made in advance: GreenMail (the test's server, not Vern) logs an address when it creates a mailbox.
            mail.setUser(Canaries.EMAIL, "kanari-login", "kanari-passord");
            server = mail;
        }
        return server;
    }
}
