package io.liveinsight.local.engines.fault;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads one proxy starts (request handlers, the upstream client's workers, the back-up timer), all
 * daemons and all remembered, so that {@link #stop} can return only once every one has ended.
 */
final class ProxyThreads {

    private final Set<Thread> started = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private final ExecutorService handlers = Executors.newCachedThreadPool(factory("fault-proxy-handler-"));
    private final ExecutorService upstreamWorkers = Executors.newCachedThreadPool(factory("fault-proxy-upstream-"));

    ExecutorService handlers() {
        return handlers;
    }

    ExecutorService upstreamWorkers() {
        return upstreamWorkers;
    }

    Thread start(String name, Runnable task) {
        Thread thread = factory(name + "-").newThread(task);
        thread.start();
        return thread;
    }

    /** Interrupts every thread still running and waits for all to end, up to {@code timeout} in total. */
    boolean stop(Duration timeout) {
        handlers.shutdownNow();
        upstreamWorkers.shutdownNow();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread thread : started) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ThreadFactory factory(String prefix) {
        return task -> {
            Thread thread = Thread.ofPlatform()
                    .name(prefix + count.incrementAndGet())
                    .daemon()
                    .unstarted(task);
            started.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            started.add(thread);
            return thread;
        };
    }
}
