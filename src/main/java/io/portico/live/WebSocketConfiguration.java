package io.portico.live;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.portico.security.SocketGuard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.webflux.GraphQlWebSocketHandler;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.support.WebSocketUpgradeHandlerPredicate;

/**
 * GraphQL over WebSocket ({@code graphql-transport-ws}) at {@code /graphql}, beside HTTP
 * POST and SSE on the same path.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketConfiguration {

	@Bean
	HandlerMapping graphQlWebSocketMapping(WebGraphQlHandler graphQlHandler, ServerCodecConfigurer codecs,
			WebSocketProperties properties, MeterRegistry meters) {
		GraphQlWebSocketHandler handler = new GraphQlWebSocketHandler(graphQlHandler, socketCodecs(codecs),
				properties.connectionInitTimeout(), properties.keepAlive());
		// Ahead of the HTTP router (which answers GET /graphql with 405), for upgrade
		// requests only: POST /graphql stays with the router.
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
				Map.of("/graphql", SocketGuard.around(handler, meters)), -2);
		mapping.setHandlerPredicate(new WebSocketUpgradeHandlerPredicate());
		return mapping;
	}

	/**
	 * The application's codecs, with messages that carry a result encoded once for many
	 * subscribers written without encoding it again.
	 */
	static ServerCodecConfigurer socketCodecs(ServerCodecConfigurer codecs) {
		Encoder<?> json = codecs.getWriters()
			.stream()
			.filter((writer) -> writer.canWrite(ResolvableType.forClass(GraphQlWebSocketMessage.class),
					MediaType.APPLICATION_JSON))
			.map((writer) -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No JSON encoder for GraphQL over WebSocket"));
		ServerCodecConfigurer socket = codecs.clone();
		socket.customCodecs().register(new EncoderHttpMessageWriter<>(new SocketFrameEncoder(json)));
		return socket;
	}

	/**
	 * No request observation for a WebSocket upgrade: it would stay open, with its timers
	 * and key values, for the socket's whole life (kilobytes per open portal) and measure
	 * nothing but how long the portal stayed. Operations on the socket are still
	 * observed.
	 */
	@Bean
	ObservationPredicate noRequestObservationForWebSockets() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& "websocket".equalsIgnoreCase(request.getCarrier().getHeaders().getUpgrade()));
	}

	/**
	 * @param connectionInitTimeout how long a socket may stay without connection_init
	 * (then 4408)
	 * @param keepAlive how often the server pings an idle socket: below common proxy idle
	 * timeouts, and how a vanished client is noticed
	 */
	@ConfigurationProperties("portico.websocket")
	record WebSocketProperties(@DefaultValue("10s") Duration connectionInitTimeout,
			@DefaultValue("20s") Duration keepAlive) {
	}

}
