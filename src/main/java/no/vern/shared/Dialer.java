package no.vern.shared;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Opens the TCP connection to an already checked address (never a host name, so nothing is resolved twice);
 * tests replace it with one that fails instead of connecting.
 */
@FunctionalInterface
public interface Dialer {

    Socket connect(InetAddress address, int port, Duration timeout) throws IOException;

    /** A plain socket with a connect timeout. */
    Dialer PLAIN = (address, port, timeout) -> {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    };
}
