package io.liveinsight.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** One item of a request's body, not yet checked: its JSON and the number of bytes it took in the body as sent. */
public record RawEvent(JsonNode node, int bytes) {}
