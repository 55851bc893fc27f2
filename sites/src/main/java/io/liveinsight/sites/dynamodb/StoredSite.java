package io.liveinsight.sites.dynamodb;

import io.liveinsight.event.site.Site;

/** A site item as the registry holds it, with its times (epoch ms; docs/contract/sites.md#registry). */
public record StoredSite(Site site, long createdAt, long updatedAt) {}
