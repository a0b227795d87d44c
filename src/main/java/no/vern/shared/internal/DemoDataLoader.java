package no.vern.shared.internal;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import no.vern.shared.DemoData;
import no.vern.shared.DemoMode;

/**
 * Loads every module's {@link DemoData} in order on the thread {@code vern-demo-data} once Vern is ready. A module
 * whose load fails is logged (by its class, never with data) and the rest still load.
 */
@Component
class DemoDataLoader implements DemoData.Loading {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoMode demo;
    private final ObjectProvider<DemoData> modules;
    private final CompletableFuture<Boolean> loaded = new CompletableFuture<>();

    DemoDataLoader(DemoMode demo, ObjectProvider<DemoData> modules) {
        this.demo = demo;
        this.modules = modules;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadAfterStart() {
        if (!demo.enabled() || loaded.isDone()) {
            loaded.complete(true);
            return;
        }
        List<DemoData> ordered = modules.stream().sorted(Comparator.comparingInt(DemoData::order)).toList();
        Thread thread = new Thread(() -> loaded.complete(loadAll(ordered)), "vern-demo-data");
        thread.setDaemon(true);
        thread.start();
    }

    private static boolean loadAll(List<DemoData> ordered) {
        long started = System.nanoTime();
        boolean all = true;
        for (DemoData module : ordered) {
            try {
                module.load();
            } catch (RuntimeException e) {
                all = false;
                log.error("The demo data of {} could not be loaded ({})", module.getClass().getSimpleName(),
                        e.getClass().getSimpleName());
            }
        }
        log.info("Demo data of {} modules loaded in {} ms", ordered.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return all;
    }

    @Override
    public boolean awaitLoaded(Duration patience) {
        try {
            return loaded.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
