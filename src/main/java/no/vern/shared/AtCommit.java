package no.vern.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes that a transaction makes one at a time (an event listener called once per subject) collected and written
 * together just before it commits, still in it (issue 28 item 8: a purge batch erases a hundred subjects in one
 * transaction, and each listener then costs one statement for all of them instead of one per subject). They commit or
 * roll back with the work they belong to, in the order they were added. Outside a transaction, or once the transaction
 * has begun to commit, an item is written at once, as a direct write would be. Suspended with its transaction (a nested
 * new transaction collects its own). Items added so late that the commit had already passed them by (no Vern code does
 * this: it would be work done in another synchronization's {@code afterCommit}) are written in a transaction of their
 * own right after, rather than lost.
 *
 * <p>Use one instance per kind of write, as a field of the component that owns the write:
 * {@code new AtCommit<>(transactionManager, rows -> repository.insertAll(rows))}. The audit log keeps its own (its
 * late entries go to the group-commit writer).
 *
 * @param <T> what one write is about (a row, a subject id)
 */
public final class AtCommit<T> {

    private final Consumer<List<T>> write;
    private final TransactionTemplate late;
    private final int order;
    private final @Nullable Runnable first;

    /** Writes with {@code write}, before the audit log's entries (which come last). */
    public AtCommit(PlatformTransactionManager transactions, Consumer<List<T>> write) {
        this(transactions, write, Ordered.LOWEST_PRECEDENCE - 10, null);
    }

    /**
     * As {@link #AtCommit(PlatformTransactionManager, Consumer)}, with {@code first} run in the transaction when its
     * first item is added (the change log takes the transaction's id then).
     */
    public AtCommit(PlatformTransactionManager transactions, Consumer<List<T>> write, int order, @Nullable Runnable first) {
        this.write = write;
        this.late = new TransactionTemplate(transactions);
        this.late.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.order = order;
        this.first = first;
    }

    /** Adds one item: written just before the current transaction commits, or now if there is none. */
    public void add(T item) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            @SuppressWarnings("unchecked")
            Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
            if (pending == null) {
                if (first != null) {
                    first.run();
                }
                pending = new Pending();
                TransactionSynchronizationManager.bindResource(this, pending);
                TransactionSynchronizationManager.registerSynchronization(pending);
            }
            if (!pending.written) {
                pending.items.add(item);
                return;
            }
        }
        write.accept(List.of(item));
    }

    /** The items of one transaction. */
    private final class Pending implements TransactionSynchronization {

        final List<T> items = new ArrayList<>();
        boolean written;

        @Override
        public int getOrder() {
            return order;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!written) {
                written = true;
                if (!items.isEmpty()) {
                    write.accept(items);
                }
            }
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(AtCommit.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(AtCommit.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AtCommit.this);
            if (status == STATUS_COMMITTED && !written) {
                written = true;
                if (!items.isEmpty()) {
                    late.executeWithoutResult(s -> write.accept(items));
                }
            }
        }
    }
}
