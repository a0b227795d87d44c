package no.vern.connectors.pinning;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;

import javax.net.SocketFactory;

/**
 * A socket factory for the PostgreSQL driver ({@code socketFactory} connection property) that connects to one
 * already checked IP address, whatever host the driver resolves: the connector's host is resolved once, every
 * address is checked by the address guard, and this connects to the checked one (a DNS answer that changes
 * between check and connect cannot redirect the connection). The host name stays in the URL, so TLS still
 * verifies the certificate against it. The argument ({@code socketFactoryArg}) is the checked address as an
 * IP literal; the driver instantiates this class by name, so it must be public.
 */
public final class PinnedSocketFactory extends SocketFactory {

    private final InetAddress pinned;

    /** Called by the driver with {@code socketFactoryArg}: an IP literal (never a name: nothing is resolved here). */
    public PinnedSocketFactory(String ipLiteral) {
        if (ipLiteral == null || !ipLiteral.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("socketFactoryArg must be an IP literal");
        }
        try {
            this.pinned = InetAddress.getByName(ipLiteral); // a literal: no DNS lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("socketFactoryArg must be an IP literal", e);
        }
    }

    @Override
    public Socket createSocket() {
        return new PinnedSocket(pinned);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(port);
    }

    private Socket connected(int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(pinned, port));
        return socket;
    }

    /** A socket whose connect goes to the pinned address, on the port the driver asked for. */
    private static final class PinnedSocket extends Socket {
        private final InetAddress pinned;

        PinnedSocket(InetAddress pinned) {
            this.pinned = pinned;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress address)) {
                throw new IOException("unsupported address type");
            }
            super.connect(new InetSocketAddress(pinned, address.getPort()), timeout);
        }

        @Override
        public void connect(SocketAddress endpoint) throws IOException {
            connect(endpoint, 0);
        }
    }
}
