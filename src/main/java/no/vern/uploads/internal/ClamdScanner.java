package no.vern.uploads.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import no.vern.uploads.VirusScanner;

/**
 * A ClamAV clamd client speaking the INSTREAM protocol over TCP: {@code zINSTREAM\0}, then chunks
 * (4-byte big-endian length + bytes), a zero-length chunk, and one reply ending in NUL
 * ({@code stream: OK} or {@code stream: <signature> FOUND}).
 */
final class ClamdScanner implements VirusScanner {

    private static final int CHUNK = 64 * 1024;

    private final UploadProperties.Clamav clamav;

    ClamdScanner(UploadProperties.Clamav clamav) {
        this.clamav = clamav;
    }

    @Override
    public Verdict scan(byte[] content) throws IOException {
        int timeout = (int) clamav.timeout().toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(clamav.host(), clamav.port()), timeout);
            socket.setSoTimeout(timeout);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
            for (int offset = 0; offset < content.length; offset += CHUNK) {
                int length = Math.min(CHUNK, content.length - offset);
                out.writeInt(length);
                out.write(content, offset, length);
            }
            out.writeInt(0);
            out.flush();
            return parse(readReply(socket.getInputStream()));
        }
    }

    static Verdict parse(String reply) throws IOException {
        String answer = reply.strip();
        if (answer.endsWith("OK")) {
            return Verdict.ok();
        }
        if (answer.endsWith("FOUND")) {
            String signature = answer.substring(answer.indexOf(':') + 1, answer.length() - "FOUND".length()).strip();
            return new Verdict(false, signature.replaceAll("[^A-Za-z0-9._:-]", "_"));
        }
        throw new IOException("clamd answered with an error");
    }

    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) > 0 && reply.size() < 1024) {
            reply.write(b);
        }
        return reply.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "ClamdScanner[" + clamav.host() + ":" + clamav.port() + "]";
    }
}
