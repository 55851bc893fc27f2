package io.liveinsight.sites.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.sites.LimitsChange;
import io.liveinsight.sites.SiteChange;
import io.liveinsight.sites.SiteDirectory.KeyedSite;
import io.liveinsight.sites.SiteSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The registry on DynamoDB Local: the admin's writes as the edge's reads see them (docs/contract/sites.md#registry). */
class SiteAdminTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T16:00:00Z"), ZoneOffset.UTC);
    private static final String HOSTILE_NAME =
            "Shop \uD83D\uDE00 <script>alert('x')</script> ~#|\" \u00e9 \uD834\uDD1E";

    private final DynamoDbClient dynamoDb = LocalDynamoDb.client();

    private static SiteSettings settings(String name, String... hosts) {
        return new SiteSettings(name, List.of(hosts), SiteLimits.DEFAULTS, Set.of("purchase"), "Europe/Berlin");
    }

    @Test
    void add_whenNew_eachKeyFindsTheSiteWithItsKind_andNoSecretIsStored() {
        String table = LocalDynamoDb.freshSitesTable("Add");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);

        SiteAdmin.Minted added = admin.add("shop", settings("Shop", "shop.example", "*.shop.example"));

        String write = added.keys().get(SiteKeys.Kind.WRITE).orElseThrow();
        String server = added.keys().get(SiteKeys.Kind.SERVER).orElseThrow();
        String read = added.keys().get(SiteKeys.Kind.READ).orElseThrow();
        assertThat(SiteKeys.kind(write)).isEqualTo(SiteKeys.Kind.WRITE);
        assertThat(SiteKeys.kind(server)).isEqualTo(SiteKeys.Kind.SERVER);
        assertThat(SiteKeys.kind(read)).isEqualTo(SiteKeys.Kind.READ);
        DynamoDbSiteDirectory directory = new DynamoDbSiteDirectory(dynamoDb, table);
        Site site = directory.byId("shop").orElseThrow();
        assertThat(site).isEqualTo(added.site());
        assertThat(site.active()).isTrue();
        assertThat(site.hostnames()).containsExactly("shop.example", "*.shop.example");
        assertThat(site.writeKey()).isEqualTo(write);
        assertThat(site.serverKeySha256()).isEqualTo(SiteKeys.sha256(server));
        assertThat(site.readTokenSha256()).isEqualTo(SiteKeys.sha256(read));
        assertThat(directory.byKey(write)).contains(new KeyedSite(site, SiteKeys.Kind.WRITE));
        assertThat(directory.byKey(server)).contains(new KeyedSite(site, SiteKeys.Kind.SERVER));
        assertThat(directory.byKey(read)).contains(new KeyedSite(site, SiteKeys.Kind.READ));
        assertThat(directory.all()).containsExactly(site);

        List<Map<String, AttributeValue>> items = scan(table);
        assertThat(items).hasSize(4);
        assertThat(items.toString()).doesNotContain(server).doesNotContain(read);
        assertThat(keyItemsOf(table, "shop"))
                .containsExactlyInAnyOrder(
                        SiteKeys.sha256(write) + "=write",
                        SiteKeys.sha256(server) + "=server",
                        SiteKeys.sha256(read) + "=read");
        assertThat(admin.find("shop").orElseThrow().createdAt()).isEqualTo(CLOCK.millis());
        assertThat(added.keys().toString()).doesNotContain(write, server, read);
    }

    @Test
    void add_whenTheIdExists_isRefusedClearly_andTheFirstSiteKeepsItsKeys() {
        String table = LocalDynamoDb.freshSitesTable("AddTwice");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        SiteAdmin.Minted first = admin.add("shop", settings("Shop", "shop.example"));

        assertThatThrownBy(() -> admin.add("shop", settings("Other", "other.example")))
                .isInstanceOf(SiteAdminException.class)
                .hasMessage("site shop exists already")
                .extracting(e -> ((SiteAdminException) e).reason())
                .isEqualTo(SiteAdminException.Reason.EXISTS);

        assertThat(scan(table)).hasSize(4);
        assertThat(admin.directory()
                        .byKey(first.keys().get(SiteKeys.Kind.SERVER).orElseThrow()))
                .map(keyed -> keyed.site().name())
                .contains("Shop");
    }

    @Test
    void rotate_whenOneKind_refusesTheOldKeyFindsTheNewAndLeavesTheOthers() {
        String table = LocalDynamoDb.freshSitesTable("Rotate");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        SiteAdmin.Minted added = admin.add("shop", settings("Shop", "shop.example"));
        String oldWrite = added.keys().get(SiteKeys.Kind.WRITE).orElseThrow();

        SiteAdmin.Minted rotated = admin.rotate("shop", EnumSet.of(SiteKeys.Kind.WRITE));

        String newWrite = rotated.keys().get(SiteKeys.Kind.WRITE).orElseThrow();
        assertThat(rotated.keys().all()).containsOnlyKeys(SiteKeys.Kind.WRITE);
        assertThat(newWrite).isNotEqualTo(oldWrite);
        DynamoDbSiteDirectory directory = admin.directory();
        assertThat(directory.byKey(oldWrite)).isEmpty();
        assertThat(directory.byKey(newWrite)).map(KeyedSite::kind).contains(SiteKeys.Kind.WRITE);
        assertThat(directory.byKey(added.keys().get(SiteKeys.Kind.SERVER).orElseThrow()))
                .isPresent();
        assertThat(directory.byKey(added.keys().get(SiteKeys.Kind.READ).orElseThrow()))
                .isPresent();
        assertThat(rotated.site().writeKey()).isEqualTo(newWrite);
        assertThat(rotated.site().serverKeySha256()).isEqualTo(added.site().serverKeySha256());
        assertThat(scan(table)).hasSize(4);
    }

    @Test
    void rotate_whenEveryKind_replacesAllThree() {
        String table = LocalDynamoDb.freshSitesTable("RotateAll");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        SiteAdmin.Minted added = admin.add("shop", settings("Shop", "shop.example"));

        SiteAdmin.Minted rotated = admin.rotate("shop", EnumSet.allOf(SiteKeys.Kind.class));

        for (SiteKeys.Kind kind : SiteKeys.Kind.values()) {
            assertThat(admin.directory().byKey(added.keys().get(kind).orElseThrow()))
                    .as("old %s", kind)
                    .isEmpty();
            assertThat(admin.directory().byKey(rotated.keys().get(kind).orElseThrow()))
                    .as("new %s", kind)
                    .isPresent();
        }
        assertThat(keyItemsOf(table, "shop")).hasSize(3);
    }

    @Test
    void rotate_whenManyAdminsRotateAtOnce_losesNothingAndLeavesNoKeyBehind() throws Exception {
        String table = LocalDynamoDb.freshSitesTable("RotateRace");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        SiteAdmin.Minted added = admin.add("shop", settings("Shop", "shop.example"));
        int admins = 4;
        List<SiteKeys.Kind> kinds =
                List.of(SiteKeys.Kind.WRITE, SiteKeys.Kind.WRITE, SiteKeys.Kind.SERVER, SiteKeys.Kind.READ);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        List<Future<SiteAdmin.Minted>> futures = new ArrayList<>();
        try {
            for (SiteKeys.Kind kind : kinds) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return new SiteAdmin(dynamoDb, table, CLOCK).rotate("shop", EnumSet.of(kind));
                }));
            }
            start.countDown();
            List<SiteAdmin.Minted> results = new ArrayList<>();
            for (Future<SiteAdmin.Minted> future : futures) {
                results.add(future.get());
            }

            Site site = admin.directory().byId("shop").orElseThrow();
            // every rotation took effect: each kind's key is new, and the site holds one of the two write rotations'
            assertThat(site.serverKeySha256()).isNotEqualTo(added.site().serverKeySha256());
            assertThat(site.readTokenSha256()).isNotEqualTo(added.site().readTokenSha256());
            List<String> newWrites = results.stream()
                    .flatMap(r -> r.keys().get(SiteKeys.Kind.WRITE).stream())
                    .toList();
            assertThat(newWrites).hasSize(2).contains(site.writeKey());
            // exactly the site's three keys have items: no key item left behind by the race
            assertThat(keyItemsOf(table, "shop"))
                    .containsExactlyInAnyOrder(
                            SiteKeys.sha256(site.writeKey()) + "=write",
                            site.serverKeySha256() + "=server",
                            site.readTokenSha256() + "=read");
            for (SiteAdmin.Minted result : results) {
                result.keys().all().forEach((kind, key) -> {
                    boolean current = SiteKeys.sha256(key).equals(SiteItems.digest(site, kind));
                    assertThat(admin.directory().byKey(key))
                            .as(kind + " key")
                            .isEqualTo(
                                    current
                                            ? java.util.Optional.of(new KeyedSite(site, kind))
                                            : java.util.Optional.empty());
                });
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void disable_thenEnable_keepsTheKeysAndTellsTheEdgeTheSiteIsOff() {
        String table = LocalDynamoDb.freshSitesTable("Disable");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        String write = admin.add("shop", settings("Shop", "shop.example"))
                .keys()
                .get(SiteKeys.Kind.WRITE)
                .orElseThrow();

        assertThat(admin.setActive("shop", false).active()).isFalse();
        assertThat(admin.directory().byKey(write))
                .map(keyed -> keyed.site().active())
                .contains(false);
        assertThat(scan(table).stream().filter(i -> i.get("pk").s().equals("site#shop")))
                .singleElement()
                .satisfies(
                        item -> assertThat(item.get(ItemAttributes.STATUS).s()).isEqualTo("disabled"));

        assertThat(admin.setActive("shop", true).active()).isTrue();
        assertThat(admin.directory().byKey(write))
                .map(keyed -> keyed.site().active())
                .contains(true);
        assertThat(admin.find("shop").orElseThrow().updatedAt()).isGreaterThan(CLOCK.millis());
    }

    @Test
    void hostileNamesAndHosts_roundTrip_andChangeKeepsWhatItIsNotGiven() {
        String table = LocalDynamoDb.freshSitesTable("Hostile");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        admin.add(
                "a-1",
                new SiteSettings(
                        HOSTILE_NAME,
                        List.of("XN--BCHER-KVA.example", "*.sub.shop.example", "127.0.0.1", "[::1]"),
                        new SiteLimits(1, 1, 2, 3, 4, 5),
                        Set.of("checkout:done", "a.b-c_d"),
                        "America/Argentina/Buenos_Aires"));

        Site site = admin.directory().byId("a-1").orElseThrow();
        assertThat(site.name()).isEqualTo(HOSTILE_NAME);
        assertThat(site.hostnames())
                .containsExactly("xn--bcher-kva.example", "*.sub.shop.example", "127.0.0.1", "[::1]");
        assertThat(site.limits()).isEqualTo(new SiteLimits(1, 1, 2, 3, 4, 5));
        assertThat(site.conversions()).containsExactlyInAnyOrder("checkout:done", "a.b-c_d");
        assertThat(site.timeZone()).isEqualTo("America/Argentina/Buenos_Aires");

        Site changed = admin.change(
                "a-1", new SiteChange(null, null, new LimitsChange(700, null, null, null, null, 50), null, "UTC"));

        assertThat(changed.name()).isEqualTo(HOSTILE_NAME);
        assertThat(changed.hostnames()).isEqualTo(site.hostnames());
        assertThat(changed.limits()).isEqualTo(new SiteLimits(700, 1, 2, 3, 4, 50));
        assertThat(changed.timeZone()).isEqualTo("UTC");
        assertThat(changed.writeKey()).isEqualTo(site.writeKey());
        assertThat(admin.directory().byId("a-1")).contains(changed);
    }

    @Test
    void change_whenAValueBreaksARule_writesNothing() {
        String table = LocalDynamoDb.freshSitesTable("BadChange");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        admin.add("shop", settings("Shop", "shop.example"));
        Site before = admin.directory().byId("shop").orElseThrow();

        assertThatThrownBy(() -> admin.change(
                        "shop", new SiteChange(null, List.of("https://shop.example:8443/"), null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hostname");
        assertThatThrownBy(() -> admin.change("shop", new SiteChange(null, null, null, null, "+01:00")))
                .hasMessageContaining("IANA");

        assertThat(admin.directory().byId("shop")).contains(before);
    }

    @Test
    void operations_onASiteThatIsNot_sayNotFound() {
        String table = LocalDynamoDb.freshSitesTable("Missing");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);

        assertThatThrownBy(() -> admin.rotate("ghost", EnumSet.of(SiteKeys.Kind.READ)))
                .isInstanceOf(SiteAdminException.class)
                .hasMessage("no site ghost");
        assertThatThrownBy(() -> admin.setActive("ghost", false)).hasMessage("no site ghost");
        assertThatThrownBy(() -> admin.change("ghost", new SiteChange("x", null, null, null, null)))
                .hasMessage("no site ghost");
        assertThat(admin.find("ghost")).isEmpty();
        assertThat(scan(table)).isEmpty();
    }

    @Test
    void byKey_whenNoKeyOrAKeyItemTheSiteNoLongerHolds_findsNothing() {
        String table = LocalDynamoDb.freshSitesTable("Orphan");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);
        admin.add("shop", settings("Shop", "shop.example"));
        // A key item pointing at the site that the site item does not hold (as if read just before a rotation).
        String stray = SiteKeys.newKey(SiteKeys.Kind.SERVER);
        dynamoDb.putItem(r ->
                r.tableName(table).item(SiteItems.keyItem(SiteKeys.sha256(stray), "shop", SiteKeys.Kind.SERVER, 1)));
        // A key item whose kind does not match the key's prefix.
        String writeShaped = SiteKeys.newKey(SiteKeys.Kind.WRITE);
        dynamoDb.putItem(r -> r.tableName(table)
                .item(SiteItems.keyItem(SiteKeys.sha256(writeShaped), "shop", SiteKeys.Kind.READ, 1)));

        DynamoDbSiteDirectory directory = admin.directory();
        assertThat(directory.byKey(stray)).isEmpty();
        assertThat(directory.byKey(writeShaped)).isEmpty();
        assertThat(directory.byKey(null)).isEmpty();
        assertThat(directory.byKey("")).isEmpty();
        assertThat(directory.byKey("li_pub_" + "A".repeat(26))).isEmpty();
        assertThat(directory.byKey("li_pub_<script>alert(1)</scrip")).isEmpty();
        assertThat(directory.byKey("x".repeat(100_000))).isEmpty();
        assertThat(directory.byKey(SiteKeys.newKey(SiteKeys.Kind.WRITE))).isEmpty();
        assertThat(directory.byId("site#shop")).isEmpty();
        assertThat(directory.byId("SHOP")).isEmpty();
    }

    @Test
    void defaultSite_ensure_addsItOnce_andLeavesADisabledOneDisabled() {
        String table = LocalDynamoDb.freshSitesTable("Default");
        SiteAdmin admin = new SiteAdmin(dynamoDb, table, CLOCK);

        assertThat(DefaultSite.ensure(admin)).isEqualTo(DefaultSite.State.CREATED);
        assertThat(DefaultSite.ensure(admin)).isEqualTo(DefaultSite.State.ACTIVE);
        Site site = admin.directory().byId("default").orElseThrow();
        assertThat(site.hostnames()).isEmpty();
        assertThat(site.limits()).isEqualTo(SiteLimits.DEFAULTS);
        assertThat(site.name()).isEqualTo(DefaultSite.NAME);
        assertThat(scan(table)).hasSize(4);

        admin.setActive("default", false);
        assertThat(DefaultSite.ensure(admin)).isEqualTo(DefaultSite.State.DISABLED);
        assertThat(admin.directory().byId("default").orElseThrow().active()).isFalse();
    }

    private List<Map<String, AttributeValue>> scan(String table) {
        return dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().stream()
                .toList();
    }

    /** {@code <digest>=<kind>} of every key item of the site. */
    private List<String> keyItemsOf(String table, String siteId) {
        return scan(table).stream()
                .filter(item -> item.get("pk").s().startsWith("key#"))
                .filter(item -> item.get(ItemAttributes.SITE_ID).s().equals(siteId))
                .map(item -> item.get("pk").s().substring(4) + "="
                        + item.get(ItemAttributes.KIND).s())
                .toList();
    }
}
