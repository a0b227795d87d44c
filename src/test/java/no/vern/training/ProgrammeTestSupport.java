package no.vern.training;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import no.vern.breach.BreachMailSupport;

/**
 * The security programme's test context: GreenMail (from the breach tests), a fake clamd on
 * loopback that speaks the INSTREAM protocol and finds the EICAR test signature, and
 * {@code vern.training.restrict-lapsed=true}. Test classes extending it share one context.
 */
public abstract class ProgrammeTestSupport extends BreachMailSupport {

    /** The EICAR anti-virus test file (harmless; every scanner reports it). */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    /** How many streams the fake clamd has scanned. */
    protected static final AtomicInteger SCANS = new AtomicInteger();

    private static final ServerSocket CLAMD;

    static {
        try {
            CLAMD = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(ProgrammeTestSupport::serve, "fake-clamd");
        thread.setDaemon(true);
        thread.start();
    }

    @DynamicPropertySource
    static void programme(DynamicPropertyRegistry registry) {
        registry.add("vern.uploads.clamav.host", () -> "127.0.0.1");
        registry.add("vern.uploads.clamav.port", CLAMD::getLocalPort);
        registry.add("vern.training.restrict-lapsed", () -> "true");
    }

    private static void serve() {
        while (!CLAMD.isClosed()) {
            try (Socket socket = CLAMD.accept()) {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                byte[] command = new byte["zINSTREAM\0".length()];
                in.readFully(command);
                if (!new String(command, StandardCharsets.US_ASCII).equals("zINSTREAM\0")) {
                    reply(socket.getOutputStream(), "UNKNOWN COMMAND");
                    continue;
                }
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                int length;
                while ((length = in.readInt()) > 0) {
                    byte[] chunk = new byte[length];
                    in.readFully(chunk);
                    stream.write(chunk);
                }
                SCANS.incrementAndGet();
                boolean infected = stream.toString(StandardCharsets.ISO_8859_1).contains("EICAR-STANDARD-ANTIVIRUS-TEST-FILE");
                reply(socket.getOutputStream(), infected ? "stream: Eicar-Signature FOUND" : "stream: OK");
            } catch (IOException e) {
                // next connection
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\0").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
