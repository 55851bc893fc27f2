package io.liveinsight.processor.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs blocking calls (DynamoDB requests) side by side on virtual threads, at most {@code limit} at a time across
 * every caller of this instance, so one busy shard cannot open more connections than the HTTP client has.
 */
public final class Parallel implements AutoCloseable {

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore permits;
    private final int limit;

    public Parallel(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        this.limit = limit;
        this.permits = new Semaphore(limit);
    }

    public int limit() {
        return limit;
    }

    /**
     * Applies {@code call} to every input and returns the results in input order once all have finished. If any
     * call throws, the first failure (in input order) is rethrown after every call has finished, so no call is left
     * running behind the caller's back.
     */
    public <T, R> List<R> map(List<T> inputs, Function<T, R> call) {
        if (inputs.size() == 1 || limit == 1) {
            return inputs.stream().map(call).toList();
        }
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(executor.submit(() -> {
                permits.acquire();
                try {
                    return call.apply(input);
                } finally {
                    permits.release();
                }
            }));
        }
        List<R> results = new ArrayList<>(inputs.size());
        Throwable failure = null;
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
                results.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                results.add(null);
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return results;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
