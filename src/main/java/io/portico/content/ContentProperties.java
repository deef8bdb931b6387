package io.portico.content;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long signed URLs live.
 *
 * @param downloadUrlTtl how long a download URL works after it was handed out
 * @param uploadUrlTtl how long an upload URL works after it was handed out
 */
@ConfigurationProperties("portico.documents")
record ContentProperties(@DefaultValue("5m") Duration downloadUrlTtl, @DefaultValue("15m") Duration uploadUrlTtl) {
}
