package io.liveinsight.load.replay.cli;

/** {@code bin/replay --help}: every option, with an example. */
final class Help {

    private Help() {}

    static final String TEXT = """
            bin/replay: replay recorded traffic against an edge and compare what arrived with what was sent.

            Usage: bin/replay SOURCE [TARGET] [PACE] [LANE] [CHECKS] [REPORT]

            SOURCE (exactly one)
              --archive DIR            an archive folder: dt=YYYY-MM-DD/hour=HH/*.ndjson.gz (docs/contract/archive.md)
                                         bin/replay --archive "$ARCHIVE" --no-lane
              --s3 s3://BUCKET/PREFIX  the same layout in S3 (lists only the partitions of --from/--to)
                                         bin/replay --s3 s3://acme-archive/liveinsight/ --from 2026-12-06T08:00:00Z --to 2026-12-06T10:00:00Z
              --ndjson FILE            a recording: generator lines {"at_ms":..} and/or archive lines {"v":1,..} (.gz too)
                                         bin/replay --ndjson load-tests/target/recording.ndjson --no-lane
              --har FILE               a HAR file exported from DevTools: its POST .../events requests
                                         bin/replay --har demo.har --no-lane
              --generate               generated traffic: --seed N (42) --sessions N (2000) --duration-s S (600)
                                         bin/replay --generate --seed 7 --sessions 500 --no-lane
              --from T --to T          only what the edge received in [from, to): ISO-8601 or epoch ms
                                         --from 2026-12-06T08:00:00Z --to 2026-12-06T09:00:00Z
              --s3-endpoint URL        an S3-compatible endpoint (path-style), e.g. --s3-endpoint http://127.0.0.1:9000
              --region R               the AWS region for --s3 and --dynamodb aws, e.g. --region eu-west-1

            TARGET
              --url URL                the edge's base URL (default http://127.0.0.1:8080); POST URL/events
                                         --url https://abc123.execute-api.eu-west-1.amazonaws.com

            PACE (default --speed 1)
              --speed N | max          N times the recorded pacing, or as fast as --concurrency allows: --speed 10
              --rate R                 R events per second instead of the recorded pacing: --rate 200
              --burst-factor F --burst-s S [--before-s B]
                                       with --rate: R for B s (10), F x R for S s, then R: --rate 50 --burst-factor 10 --burst-s 60
              --time-shift now | none  now (default): times moved so the first request is now (or just early enough
                                       that no event is later than its send), gaps kept; none: times as recorded
              --concurrency N          requests in flight at most (default 32): --concurrency 8
              --attempts N             attempts per request, resent on 503 + Retry-After or no answer (default 6)
              --timeout-s S            one attempt's timeout (default 30)

            LANE (docs/contract/replay.md)
              --run ID                 the replay run (a-z 0-9 -, at most 40; default r-YYYYMMDD-HHMMSS): --run nightly-7
              --replay-key KEY         the deployment's replay key, or env LIVEINSIGHT_REPLAY_KEY (bin/run-local prints it)
              --no-lane                a plain replay into a throwaway stack: no lane headers, ids as recorded

            CHECKS (expected vs got; without them only what the edge acknowledged is counted)
              --dynamodb URL | aws     read the tables: DynamoDB Local's URL, or aws (default credentials and region)
                                         --dynamodb http://127.0.0.1:8000
              --table-prefix P         the tables' prefix (default LiveInsight): --table-prefix dev-LiveInsight
              --dashboard URL          compare the run's statistics: --dashboard http://127.0.0.1:8080
              --dashboard-token T      the dashboard's token, or env LIVEINSIGHT_DASHBOARD_TOKEN
              --settle-s S             how long to wait for the tables and statistics to catch up (default 120)

            REPORT
              --report DIR             where report.html and report.json go (default load-tests/target/replay/RUN/)
              --progress auto|on|off   the progress bar (auto: only on a terminal)
              --help                   this text

            Exit code: 0 when nothing is missing, duplicated or wrong; 1 when something is (or sending stopped);
            2 for bad arguments or a source that cannot be read.

            Example, the whole loop on the local stack (bin/run-local prints the key and the archive folder):
              bin/replay --archive "$ARCHIVE" --speed 10 --replay-key "$KEY" \\
                --dynamodb http://127.0.0.1:8000 --dashboard http://127.0.0.1:8080
            """;
}
