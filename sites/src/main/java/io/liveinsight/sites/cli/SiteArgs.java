package io.liveinsight.sites.cli;

import io.liveinsight.event.contract.Defaults;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.sites.LimitsChange;
import io.liveinsight.sites.SiteChange;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code bin/site}'s command line, parsed and checked without touching anything: a bad argument is an
 * {@link IllegalArgumentException} whose message is what the operator reads (exit 2).
 *
 * @param command what to do; null with {@code --help}
 * @param siteId the site (every command but {@code list})
 * @param change {@code add} and {@code set}: the settings given (for {@code add}, over the defaults)
 * @param kinds {@code rotate}: the kinds of key to replace
 * @param edgeUrl {@code snippet}: the edge's base address ({@code POST <edge>/events})
 * @param scriptUrl {@code snippet}: where the page loads the tracker from
 */
public record SiteArgs(
        Command command,
        String siteId,
        Connection connection,
        SiteChange change,
        Set<SiteKeys.Kind> kinds,
        URI edgeUrl,
        URI scriptUrl,
        boolean help) {

    public enum Command {
        ADD,
        LIST,
        SHOW,
        ROTATE,
        DISABLE,
        ENABLE,
        SET,
        SNIPPET;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Where the registry is.
     *
     * @param endpoint a DynamoDB endpoint (local); null with {@code --aws}
     * @param region with {@code --aws}: a region, or null for the default chain's
     */
    public record Connection(URI endpoint, boolean aws, String region, String tablePrefix) {

        /** The Sites table: {@code <prefix>-Sites} (docs/contract/tables.md#names). */
        public String sitesTable() {
            return io.liveinsight.event.contract.Tables.SITES.name(tablePrefix);
        }
    }

    /** DynamoDB Local's address in the local stack (docs/contract/local.md#addresses). */
    public static final URI LOCAL_ENDPOINT = URI.create("http://127.0.0.1:8000");
    /** The local stack's edge (docs/contract/local.md#addresses). */
    public static final URI LOCAL_EDGE = URI.create("http://127.0.0.1:8080");

    private static final Set<String> FLAGS =
            Set.of("aws", "write", "server", "read", "all", "no-hosts", "no-conversions", "help");
    private static final Set<String> GLOBAL = Set.of("table-prefix", "stage", "endpoint", "aws", "region", "help");
    private static final Set<String> SETTINGS = Set.of(
            "name",
            "host",
            "site-rate",
            "site-burst",
            "client-rate",
            "client-burst",
            "session-rate",
            "session-burst",
            "conversion",
            "tz");
    private static final Map<Command, Set<String>> OWN = Map.of(
            Command.ADD, SETTINGS,
            Command.SET, union(SETTINGS, Set.of("no-hosts", "no-conversions")),
            Command.ROTATE, Set.of("write", "server", "read", "all"),
            Command.SNIPPET, Set.of("edge-url", "script-url"));

    public static SiteArgs parse(String... argv) {
        List<String> words = new ArrayList<>();
        Options options = new Options();
        for (int i = 0; i < argv.length; i++) {
            String arg = argv[i];
            if (arg.equals("-h")) {
                arg = "--help";
            }
            if (!arg.startsWith("--") || arg.equals("--")) {
                words.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (FLAGS.contains(name)) {
                if (value != null) {
                    throw new IllegalArgumentException("--" + name + " takes no value");
                }
                options.add(name, "");
                continue;
            }
            if (!known(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= argv.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                value = argv[++i];
            }
            options.add(name, value);
        }
        if (options.has("help")) {
            return new SiteArgs(null, null, connection(options), SiteChange.NONE, Set.of(), null, null, true);
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException(
                    "name a command: add, list, show, rotate, disable, enable, set, snippet");
        }
        Command command = command(words.get(0));
        for (String name : options.names()) {
            if (!GLOBAL.contains(name) && !OWN.getOrDefault(command, Set.of()).contains(name)) {
                throw new IllegalArgumentException("--" + name + " is not an option of " + command.word());
            }
        }
        int expected = command == Command.LIST ? 1 : 2;
        if (words.size() < expected) {
            throw new IllegalArgumentException(
                    command.word() + " needs the site id: bin/site " + command.word() + " <id>");
        }
        if (words.size() > expected) {
            throw new IllegalArgumentException("unexpected argument '" + printable(words.get(expected)) + "'");
        }
        String siteId = expected == 2 ? siteId(words.get(1)) : null;
        Connection connection = connection(options);
        SiteChange change = command == Command.ADD || command == Command.SET ? change(options) : SiteChange.NONE;
        if (command == Command.SET && change.isEmpty()) {
            throw new IllegalArgumentException("set needs something to change: --name, --host, --no-hosts, "
                    + "--site-rate... , --conversion, --no-conversions or --tz");
        }
        Set<SiteKeys.Kind> kinds = command == Command.ROTATE ? kinds(options) : Set.of();
        URI edge = null;
        URI script = null;
        if (command == Command.SNIPPET) {
            if (options.has("edge-url")) {
                edge = webAddress("--edge-url", options.last("edge-url"));
            } else if (connection.aws()) {
                throw new IllegalArgumentException(
                        "snippet with --aws needs --edge-url (the stack's ApiGatewayUrl output)");
            } else {
                edge = LOCAL_EDGE;
            }
            if (options.has("script-url")) {
                script = webAddress("--script-url", options.last("script-url"));
            } else {
                script = URI.create(trimSlash(edge) + "/tracker.js");
            }
        }
        return new SiteArgs(command, siteId, connection, change, kinds, edge, script, false);
    }

    private static Command command(String word) {
        for (Command command : Command.values()) {
            if (command.word().equals(word)) {
                return command;
            }
        }
        throw new IllegalArgumentException(
                "unknown command '" + printable(word) + "': add, list, show, rotate, disable, enable, set, snippet");
    }

    private static String siteId(String id) {
        String error = SiteId.error(id);
        if (error != null) {
            throw new IllegalArgumentException("site id " + error + ", was '" + printable(id) + "'");
        }
        return id;
    }

    private static Connection connection(Options options) {
        boolean aws = options.has("aws");
        if (aws && options.has("endpoint")) {
            throw new IllegalArgumentException("--aws and --endpoint exclude each other");
        }
        if (!aws && options.has("region")) {
            throw new IllegalArgumentException("--region goes with --aws");
        }
        if (options.has("stage") && options.has("table-prefix")) {
            throw new IllegalArgumentException("--stage and --table-prefix exclude each other");
        }
        String prefix;
        if (options.has("stage")) {
            prefix = Defaults.stagePrefix(
                    Defaults.checkStage(options.last("stage")).toLowerCase(Locale.ROOT));
        } else if (options.has("table-prefix")) {
            prefix = options.last("table-prefix");
            if (!prefix.matches("[A-Za-z0-9._-]{1,200}")) {
                throw new IllegalArgumentException(
                        "--table-prefix must be letters, digits, . _ - (a table name's characters)");
            }
        } else if (aws) {
            throw new IllegalArgumentException("with --aws, name the deployment: --stage dev (its tables are "
                    + "dev-LiveInsight-*) or --table-prefix");
        } else {
            prefix = Defaults.TABLE_PREFIX;
        }
        URI endpoint = aws
                ? null
                : options.has("endpoint") ? webAddress("--endpoint", options.last("endpoint")) : LOCAL_ENDPOINT;
        String region = options.has("region") ? options.last("region") : null;
        if (region != null && !region.matches("[a-z]{2}(-[a-z0-9]+){2,3}")) {
            throw new IllegalArgumentException(
                    "--region must be an AWS region like eu-central-1, was '" + printable(region) + "'");
        }
        return new Connection(endpoint, aws, region, prefix);
    }

    private static SiteChange change(Options options) {
        List<String> hosts = options.all("host");
        if (options.has("no-hosts")) {
            if (!hosts.isEmpty()) {
                throw new IllegalArgumentException("--no-hosts and --host exclude each other");
            }
        } else if (hosts.isEmpty()) {
            hosts = null;
        }
        Set<String> conversions = new LinkedHashSet<>(options.all("conversion"));
        if (options.has("no-conversions")) {
            if (!conversions.isEmpty()) {
                throw new IllegalArgumentException("--no-conversions and --conversion exclude each other");
            }
        } else if (conversions.isEmpty()) {
            conversions = null;
        }
        LimitsChange limits = new LimitsChange(
                positive(options, "site-rate"),
                positive(options, "site-burst"),
                positive(options, "client-rate"),
                positive(options, "client-burst"),
                positive(options, "session-rate"),
                positive(options, "session-burst"));
        return new SiteChange(
                options.has("name") ? options.last("name") : null,
                hosts,
                limits,
                conversions,
                options.has("tz") ? options.last("tz") : null);
    }

    private static Set<SiteKeys.Kind> kinds(Options options) {
        if (options.has("all")) {
            return EnumSet.allOf(SiteKeys.Kind.class);
        }
        Set<SiteKeys.Kind> kinds = EnumSet.noneOf(SiteKeys.Kind.class);
        if (options.has("write")) {
            kinds.add(SiteKeys.Kind.WRITE);
        }
        if (options.has("server")) {
            kinds.add(SiteKeys.Kind.SERVER);
        }
        if (options.has("read")) {
            kinds.add(SiteKeys.Kind.READ);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("rotate which key? --write, --server, --read (any of them) or --all");
        }
        return kinds;
    }

    private static Integer positive(Options options, String name) {
        if (!options.has(name)) {
            return null;
        }
        String text = options.last(name);
        try {
            int value = Integer.parseInt(text.strip());
            if (value < 1) {
                throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--" + name + " must be a whole number of events, was '" + printable(text) + "'");
        }
    }

    /** An http(s) address without anything that could break out of the snippet's quotes. */
    static URI webAddress(String option, String text) {
        try {
            URI uri = new URI(text);
            boolean web = ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
            if (!web || !text.matches("[A-Za-z0-9:/.?=&%_~+@\\[\\]-]+") || uri.getRawFragment() != null) {
                throw new URISyntaxException(text, "not a plain http(s) address");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    option + " must be an http(s) address like https://abc.execute-api.eu-central-1.amazonaws.com/, "
                            + "was '" + printable(text) + "'");
        }
    }

    static String trimSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String printable(String text) {
        return io.liveinsight.sites.SiteRules.printable(text);
    }

    private static boolean known(String name) {
        return GLOBAL.contains(name)
                || OWN.values().stream().anyMatch(own -> own.contains(name))
                || name.equals("edge-url")
                || name.equals("script-url");
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** Options in the order given; a repeated one keeps every value. */
    private static final class Options {
        private final Map<String, List<String>> values = new java.util.LinkedHashMap<>();

        void add(String name, String value) {
            values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }

        boolean has(String name) {
            return values.containsKey(name);
        }

        String last(String name) {
            List<String> all = values.get(name);
            return all.get(all.size() - 1);
        }

        List<String> all(String name) {
            return values.getOrDefault(name, List.of());
        }

        Set<String> names() {
            return values.keySet();
        }
    }
}
