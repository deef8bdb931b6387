package io.portico.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance follows the event log.
 *
 * @param catchUpInterval how often the log is read even without a notification, so a
 * missed one delays an event by at most this long
 * @param reconnectMaxBackoff the longest wait between attempts to reopen the listening
 * connection
 * @param batchSize how many events one read of the log takes
 * @param maxPendingPerSubscriber events a subscriber may fall behind before it is ended
 * and told to resume from its cursor
 * @param maxReplay events a subscription may ask to replay after its cursor; one further
 * back is refused with CURSOR_TOO_OLD, and the portal re-reads instead
 */
@ConfigurationProperties("portico.events")
public record EventBusProperties(@DefaultValue("5s") Duration catchUpInterval,
		@DefaultValue("5s") Duration reconnectMaxBackoff, @DefaultValue("500") int batchSize,
		@DefaultValue("1000") int maxPendingPerSubscriber, @DefaultValue("1000") int maxReplay) {
}
