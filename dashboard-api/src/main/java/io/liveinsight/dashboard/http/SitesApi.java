package io.liveinsight.dashboard.http;

import io.liveinsight.event.site.Site;
import io.liveinsight.sites.SiteDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/sites} (docs/contract/sites.md#dashboard): the sites a request may read, for the page's site picker:
 * every site of the registry for the deployment's token (or a dashboard without one), the token's own site for a read
 * token. Each as its id, name, hostnames and status: never a key, nor a key's digest.
 */
final class SitesApi {

    private final SiteDirectory directory;

    SitesApi(SiteDirectory directory) {
        this.directory = directory;
    }

    ApiResponse list(Readers.Granted granted, Map<String, String> query) {
        Params params = Params.of(query, Set.of());
        if (!params.valid()) {
            return ApiResponse.badRequest(params.errors());
        }
        List<Site> sites = granted.access().everySite() ? directory.all() : List.of(granted.site());
        return ApiResponse.ok(Map.of("sites", sites.stream().map(SitesApi::json).toList()));
    }

    static Map<String, Object> json(Site site) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", site.id());
        json.put("name", site.name());
        json.put("hostnames", site.hostnames());
        json.put("status", site.active() ? "active" : "disabled");
        return json;
    }
}
