package io.liveinsight.local.engines.fault;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides each request's fate from the current fault, counts it, and goes upstream when the fault says so. */
final class Responder {

    private static final Logger LOG = LoggerFactory.getLogger(Responder.class);

    private final Upstream upstream;
    private final StatsCounters stats = new StatsCounters();
    private volatile Fault fault = new Fault.PassThrough();
    private volatile boolean unavailable;

    Responder(Upstream upstream) {
        this.upstream = upstream;
    }

    void fault(Fault newFault) {
        fault = newFault;
    }

    void unavailable(boolean answer503) {
        unavailable = answer503;
    }

    StatsCounters stats() {
        return stats;
    }

    ProxyResponse respond(ProxyRequest request) {
        String operation = request.operation();
        stats.request(operation);
        if (unavailable) {
            stats.unavailable(operation);
            return AwsResponses.unavailable(request);
        }
        Plan plan = plan(request, fault);
        return switch (plan) {
            case Plan.ForwardAsIs forward -> forward(request);
            case Plan.Throttle throttle -> {
                stats.throttled(operation);
                yield AwsResponses.throttled(request);
            }
            case Plan.Answer answer -> {
                stats.failedEntries(operation, answer.failedEntries());
                yield answer.response();
            }
            case Plan.ForwardRewritten rewritten -> forwardRewritten(operation, rewritten);
        };
    }

    private static Plan plan(ProxyRequest request, Fault fault) {
        String operation = request.operation();
        try {
            return switch (fault) {
                case Fault.PassThrough passThrough -> new Plan.ForwardAsIs();
                case Fault.Throttle throttle ->
                    throttle.covers(operation) && throttle.picker().next()
                            ? new Plan.Throttle()
                            : new Plan.ForwardAsIs();
                case Fault.Partial partial ->
                    partial.covers(operation)
                            ? partial.write().plan(request, partial.picker())
                            : new Plan.ForwardAsIs();
            };
        } catch (RuntimeException unreadable) {
            LOG.warn("FaultProxy: cannot rewrite {}, forwarding it unchanged: {}", operation, unreadable.toString());
            return new Plan.ForwardAsIs();
        }
    }

    private ProxyResponse forward(ProxyRequest request) {
        try {
            ProxyResponse response = upstream.send(request);
            stats.forwarded(request.operation());
            return response;
        } catch (IOException e) {
            return AwsResponses.badGateway(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return AwsResponses.badGateway("interrupted");
        }
    }

    private ProxyResponse forwardRewritten(String operation, Plan.ForwardRewritten plan) {
        // Ask for an uncompressed answer, since it is read and rewritten.
        Map<String, java.util.List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(plan.request().headers());
        headers.remove("Accept-Encoding");
        ProxyRequest request = new ProxyRequest(
                plan.request().method(),
                plan.request().pathAndQuery(),
                headers,
                plan.request().body());
        ProxyResponse response = forward(request);
        if (response.status() != 200) {
            return response;
        }
        try {
            ProxyResponse merged = plan.merge().apply(response);
            stats.failedEntries(operation, plan.failedEntries());
            return merged;
        } catch (RuntimeException unreadable) {
            LOG.warn(
                    "FaultProxy: cannot merge the answer to {}, returning it unchanged: {}",
                    operation,
                    unreadable.toString());
            return response;
        }
    }
}
