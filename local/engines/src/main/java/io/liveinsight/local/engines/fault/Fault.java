package io.liveinsight.local.engines.fault;

/** The fault applied to requests while the proxy is up; each holds the running sequence of its {@link Share}. */
sealed interface Fault {

    record PassThrough() implements Fault {}

    /** Throttles requests of {@code operation}, or of every operation when it is empty. */
    record Throttle(Picker picker, String operation) implements Fault {
        boolean covers(String requestOperation) {
            return operation.isEmpty() || operation.equals(requestOperation);
        }
    }

    /** Answers the chosen entries of each {@code write} call as the service does under throttling. */
    record Partial(PartialWrite write, Picker picker) implements Fault {
        boolean covers(String requestOperation) {
            return write.operation().equals(requestOperation);
        }
    }
}
