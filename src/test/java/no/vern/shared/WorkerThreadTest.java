package no.vern.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class WorkerThreadTest {

    @Test
    void aLoopRunsOnANamedDaemonThreadUntilStoppedAndAStopWakesABlockingWait() throws Exception {
        WorkerThread worker = new WorkerThread("vern-test-worker");
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        String[] name = new String[1];
        boolean[] daemon = new boolean[1];
        Thread[] loopThread = new Thread[1];
        worker.start(() -> {
            loopThread[0] = Thread.currentThread();
            name[0] = Thread.currentThread().getName();
            daemon[0] = Thread.currentThread().isDaemon();
            started.countDown();
            while (worker.running()) {
                try {
                    Thread.sleep(60_000); // a blocking wait that only the interrupt ends
                } catch (InterruptedException e) {
                    rounds.incrementAndGet();
                }
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.running()).isTrue();
        // the stop must find the loop inside its blocking wait, or it ends without being woken (a race, not a wake)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loopThread[0].getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(loopThread[0].getState()).isEqualTo(Thread.State.TIMED_WAITING);

        assertThat(worker.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(worker.running()).isFalse();
        assertThat(rounds.get()).isEqualTo(1);
        assertThat(name[0]).isEqualTo("vern-test-worker");
        assertThat(daemon[0]).isTrue();
    }

    @Test
    void aLoopThatIgnoresTheStopIsReportedAndCanBeAwaitedAgain() throws Exception {
        WorkerThread worker = new WorkerThread("vern-test-stubborn");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        worker.start(() -> {
            started.countDown();
            boolean released = false;
            while (!released) {
                try {
                    released = release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    // ignores the interrupt, as a loop stuck in I/O would
                }
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(Duration.ofMillis(100))).isFalse();

        release.countDown();
        assertThat(worker.awaitEnd(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void stoppingAWorkerThatNeverStartedIsDoneAtOnceAndItCanStartAfterAStop() throws Exception {
        WorkerThread worker = new WorkerThread("vern-test-idle");
        assertThat(worker.stop(Duration.ofMillis(1))).isTrue();

        CountDownLatch ran = new CountDownLatch(1);
        worker.start(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(worker.stop(Duration.ofSeconds(10))).isTrue();
    }
}
