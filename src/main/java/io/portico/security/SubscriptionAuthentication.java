package io.portico.security;

import java.util.Map;

import io.portico.logs.LogReference;
import io.portico.logs.RequestLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * WebSocket clients authenticate in {@code connection_init} (browsers cannot set headers
 * on the upgrade): {@code {"Authorization": "Bearer …"}}, verified exactly like an HTTP
 * bearer token. An init without a valid token is refused (the socket closes with 4403,
 * see {@link GuardedWebSocketHandler}); operations on a socket never run without the
 * verified viewer, and the socket is closed when the token expires.
 */
@Component
@Order(0)
class SubscriptionAuthentication implements WebSocketGraphQlInterceptor {

	private static final Log logger = LogFactory.getLog(SubscriptionAuthentication.class);

	static final String AUTHENTICATION = SubscriptionAuthentication.class.getName() + ".authentication";

	private final TenantTokenAuthenticationManager authenticationManager;

	SubscriptionAuthentication(TenantTokenAuthenticationManager authenticationManager) {
		this.authenticationManager = authenticationManager;
	}

	@Override
	public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
		GuardedWebSocketHandler.Guard guard = GuardedWebSocketHandler.guardOf(session.getAttributes());
		String token = bearer(payload);
		forget(payload);
		if (token == null) {
			guard.refuse();
			return Mono.error(new IllegalArgumentException("connection_init carries no Authorization bearer token"));
		}
		return this.authenticationManager.authenticate(new BearerTokenAuthenticationToken(token))
			.switchIfEmpty(Mono.error(() -> new IllegalArgumentException("token not accepted")))
			.doOnNext((authentication) -> {
				session.getAttributes().put(AUTHENTICATION, authentication);
				guard.closeAt(((ViewerAuthentication) authentication).getPrincipal().expiresAt());
			})
			.onErrorResume((ex) -> Mono.deferContextual((context) -> {
				guard.refuse();
				RequestLog.in(context, () -> logger.debug("Refused connection_init: " + ex.getMessage()));
				return Mono.error(ex);
			}))
			.then(Mono.empty());
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (request instanceof WebSocketGraphQlRequest socketRequest) {
			Object authentication = socketRequest.getSessionInfo().getAttributes().get(AUTHENTICATION);
			if (!(authentication instanceof ViewerAuthentication verified)) {
				return Mono.error(new IllegalStateException("operation on an unauthenticated socket"));
			}
			LogReference.forOperation(socketRequest, verified.getPrincipal().tenant());
			return chain.next(request).contextWrite(ReactiveSecurityContextHolder.withAuthentication(verified));
		}
		return chain.next(request);
	}

	/**
	 * The transport keeps the connection_init payload for the socket's life; the token
	 * need not stay in memory that long (nor cost a kilobyte per open portal).
	 */
	private static void forget(@Nullable Map<String, Object> payload) {
		if (payload == null) {
			return;
		}
		try {
			payload.remove("Authorization");
			payload.remove("authorization");
		}
		catch (UnsupportedOperationException ex) {
			// An immutable payload keeps its token; nothing else depends on this.
		}
	}

	private static @Nullable String bearer(Map<String, Object> payload) {
		Object value = (payload != null) ? payload.getOrDefault("Authorization", payload.get("authorization")) : null;
		if (value instanceof String header && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
			return header.substring(7).trim();
		}
		return null;
	}

}
