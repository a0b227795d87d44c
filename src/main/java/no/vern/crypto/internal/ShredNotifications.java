package no.vern.crypto.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.springframework.context.SmartLifecycle;

import no.vern.shared.ClusterNotifications;
import no.vern.shared.DatabaseEndpoint;
import no.vern.shared.SubjectId;

/**
 * Listens on {@link SubjectKeys#CHANNEL} over a dedicated key-store connection (the shared kernel's
 * {@link ClusterNotifications}, under the key store's role) and evicts shredded subjects from this node's key
 * cache; drops the whole cache whenever it (re)connects or loses the connection, because notifications may have
 * been missed meanwhile.
 */
final class ShredNotifications implements SmartLifecycle {

    private final ClusterNotifications listener;

    ShredNotifications(KeyStoreEndpoint endpoint, DataKeyCache cache, String name) {
        ClusterNotifications.Opener owner = ClusterNotifications.connectingTo(
                new DatabaseEndpoint(endpoint.url(), endpoint.user(), endpoint.password(), false), name);
        this.listener = new ClusterNotifications(name, () -> {
            Connection c = owner.open();
            try (Statement s = c.createStatement()) {
                s.execute("SET ROLE " + KeyStoreEndpoint.ROLE);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        });
        listener.subscribe(SubjectKeys.CHANNEL, new ClusterNotifications.Subscriber() {
            @Override
            public void notified(String payload) {
                cache.evict(new SubjectId(UUID.fromString(payload)));
            }

            @Override
            public void reset() {
                cache.clear();
            }
        });
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
    }

    @Override
    public boolean isRunning() {
        return listener.isRunning();
    }

    /** Whether the LISTEN is in place right now (tests wait for it). */
    boolean isListening() {
        return listener.isListening();
    }
}
