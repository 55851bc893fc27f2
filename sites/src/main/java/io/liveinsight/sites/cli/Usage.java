package io.liveinsight.sites.cli;

/** {@code bin/site --help}. */
final class Usage {

    static final String TEXT = """
            bin/site: the sites of a LiveInsight deployment (docs/contract/sites.md)

              bin/site add <id> [--name N] [--host shop.example]... [--conversion purchase]... [--tz Europe/Berlin]
                                [--site-rate 500 --site-burst 1000 --client-rate 20 --client-burst 200
                                 --session-rate 10 --session-burst 100]
                  adds an active site and prints its write key, server key and read token: shown only then
              bin/site list
              bin/site show <id>
              bin/site rotate <id> [--write] [--server] [--read] | --all
                  replaces those keys; the old ones are refused from then on (at an edge within 30 s)
              bin/site disable <id>        its keys are refused with 403
              bin/site enable <id>
              bin/site set <id> [--name N] [--host H]... | --no-hosts [--conversion C]... | --no-conversions
                                [--tz Z] [--site-rate N ...]      --host and --conversion replace the lists
              bin/site snippet <id> [--edge-url URL] [--script-url URL]
                  the HTML to paste on the site's pages (tracker loader + LiveInsight.init({ site: <write key> }))

            where the registry is (the Sites table, <prefix>-Sites):
              --endpoint URL       a DynamoDB endpoint (default http://127.0.0.1:8000, the local stack's)
              --table-prefix P     default LiveInsight (the local stack's)
              --aws                the AWS account of the default credential chain, instead of an endpoint
              --region R           with --aws, when the default chain has none
              --stage S            the tables of a deployed stage: --stage dev is --table-prefix dev-LiveInsight

            id: 1-32 of a-z 0-9 -, not starting with -.  hostnames: lower case, *.shop.example for subdomains,
            punycode for other letters, no scheme or port.  rates: events per second; bursts: events.
            exit: 0 done, 1 the registry refused or failed, 2 bad arguments (nothing written).
            """;

    private Usage() {}
}
