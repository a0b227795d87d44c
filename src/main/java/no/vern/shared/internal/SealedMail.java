package no.vern.shared.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import no.vern.shared.KernelCipher;
import no.vern.shared.Mail;

/**
 * How a queued message is stored: recipient, subject, body and headers in one length-prefixed UTF-8
 * record, encrypted as a whole under the kernel's key and bound to the message id. Nothing of it is
 * readable in the table, a dump or a backup.
 */
final class SealedMail {

    static final String CATEGORY = "mail-outbox";
    private static final int VERSION = 1;

    private final KernelCipher cipher;

    SealedMail(KernelCipher cipher) {
        this.cipher = cipher;
    }

    byte[] seal(UUID id, Mail mail) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            write(out, mail.to());
            write(out, mail.subject());
            write(out, mail.body());
            out.writeInt(mail.headers().size());
            for (Map.Entry<String, String> header : mail.headers().entrySet()) {
                write(out, header.getKey());
                write(out, header.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cipher.encrypt(CATEGORY, id, bytes.toByteArray());
    }

    /** The message as queued (always for the outbox: that is how it was stored). */
    Mail open(UUID id, byte[] sealed) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(cipher.decrypt(CATEGORY, id, sealed)))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown outbox record version " + version);
            }
            String to = read(in);
            String subject = read(in);
            String body = read(in);
            int count = in.readInt();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                headers.put(read(in), read(in));
            }
            return new Mail(to, subject, body, headers, Mail.Delivery.OUTBOX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String read(DataInputStream in) throws IOException {
        return new String(in.readNBytes(in.readInt()), StandardCharsets.UTF_8);
    }
}
