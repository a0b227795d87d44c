package no.vern.vendors.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import no.vern.processing.RecipientStatement;
import no.vern.shared.ClusterNotifications;

/**
 * The vendor register's recipients as said in a language on a day ({@link VendorService#recipients}), kept per node so
 * that an access export, a notice or the policy does not read the three tables again (issue 28 item 5). What the
 * statements say depends on the rows and on the day (an agreement expires, a transfer's ground lapses), so an entry
 * holds for the day it was read on only. Coherent across nodes: every write to the tables, by any path, notifies
 * {@link #CHANNEL} at its commit (the trigger of migration V30_60) and every node forgets everything; the writing node
 * also forgets at its own commit (before its listener hears of it). Not trusted while the node's listener is down,
 * nor when a change raced the read; a transaction that wrote the tables reads them itself and stores nothing (its
 * rows are not committed).
 */
@Component
final class RecipientsCache {

    /** The channel the trigger of V30_60 notifies on (and this class listens on). */
    static final String CHANNEL = "vern_vendors_changed";
    private static final Object WROTE = new Object();

    private record Entry(LocalDate day, long generation, List<RecipientStatement> statements) {
    }

    private final ClusterNotifications notifications;
    private final Map<Locale, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    RecipientsCache(ClusterNotifications notifications) {
        this.notifications = notifications;
        notifications.subscribe(CHANNEL, new ClusterNotifications.Subscriber() {
            @Override
            public void notified(String payload) {
                forget();
            }

            @Override
            public void reset() {
                forget();
            }
        });
    }

    /** The statements in {@code locale} on {@code day}: cached if still valid, else {@code read} (and kept if it may be). */
    List<RecipientStatement> get(Locale locale, LocalDate day, Supplier<List<RecipientStatement>> read) {
        boolean wroteHere = TransactionSynchronizationManager.hasResource(WROTE);
        long g = generation.get();
        Entry cached = entries.get(locale);
        if (!wroteHere && cached != null && cached.generation() == g && cached.day().equals(day)
                && notifications.isListening()) {
            return cached.statements();
        }
        List<RecipientStatement> fresh = List.copyOf(read.get());
        if (!wroteHere && notifications.isListening() && generation.get() == g) {
            entries.put(locale, new Entry(day, g, fresh));
        }
        return fresh;
    }

    /**
     * Called by every write to the tables in this application: forgets now and again when the writing transaction
     * ends (committed or not), and until then the transaction reads the tables itself.
     */
    void changed() {
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            if (!TransactionSynchronizationManager.hasResource(WROTE)) {
                TransactionSynchronizationManager.bindResource(WROTE, Boolean.TRUE);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(WROTE);
                        forget();
                    }
                });
            }
        }
    }

    private void forget() {
        generation.incrementAndGet();
        entries.clear();
    }
}
