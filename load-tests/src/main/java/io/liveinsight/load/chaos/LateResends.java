package io.liveinsight.load.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events acknowledged minutes ago, sent again in new requests grouped differently, as a client that never saw the
 * answers might: a request of several events is split in two and its second half goes first; single events are
 * gathered, several sessions to a request (the edge takes any mix). The same event ids and times in new records: the
 * Events ledger must tell them from news, however old they are. Pure.
 */
final class LateResends {

    static final int GATHERED = 10;

    private LateResends() {}

    static List<List<Map<String, Object>>> regroup(List<List<Map<String, Object>>> acknowledged) {
        List<List<Map<String, Object>>> requests = new ArrayList<>();
        List<Map<String, Object>> singles = new ArrayList<>();
        for (List<Map<String, Object>> events : acknowledged) {
            if (events.size() == 1) {
                singles.add(events.get(0));
                if (singles.size() == GATHERED) {
                    requests.add(singles);
                    singles = new ArrayList<>();
                }
            } else {
                int half = events.size() / 2;
                requests.add(List.copyOf(events.subList(half, events.size())));
                requests.add(List.copyOf(events.subList(0, half)));
            }
        }
        if (!singles.isEmpty()) {
            requests.add(singles);
        }
        return requests;
    }
}
