package io.portico.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.portico.logs.RequestLog;
import io.portico.shared.Role;
import io.portico.shared.UnreadBodies;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every request to {@code /graphql} carries a bearer token from an issuer its tenant
 * trusts. Only health, the signing keys, GraphiQL's page and the demo token endpoint are
 * open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	/**
	 * No Spring Security observations. Filter-chain observations cannot tell a socket
	 * from a request: for a WebSocket they would stay open, with their timers, for the
	 * socket's whole life. Authentication and authorization observations start and stop
	 * two timers a request, 2 % of the CPU of the simple query under load (JFR, issue 7),
	 * and say nothing the request's own {@code http.server.requests} timer and the
	 * refusal counters do not.
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's strict firewall, its header checks done without regular
	 * expressions ({@link HeaderCharacters}).
	 */
	@Bean
	ServerWebExchangeFirewall firewall() {
		StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
		firewall.setAllowedHeaderNames((name) -> name == null || HeaderCharacters.allowedName(name));
		firewall.setAllowedHeaderValues((value) -> value == null || HeaderCharacters.allowedValue(value));
		return firewall;
	}

	@Bean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http,
			TenantTokenAuthenticationManager authenticationManager, MeterRegistry meters) {
		// Counted with the refusals of the guard; no tenant, since none was verified.
		Counter unauthenticated = Counter.builder("portico.refusals")
			.description("Operations refused before they ran, by code")
			.tag("code", "UNAUTHENTICATED")
			.tag("tenant", "")
			.register(meters);
		// Stateless: no WebSession for the security context or a request cache. Besides
		// being pointless for bearer tokens, creating a WebSession hops threads
		// (InMemoryWebSessionStore creates sessions on boundedElastic), which moved the
		// WebSocket upgrade off the Netty event loop; a connection_init arriving before
		// Reactor Netty had bound the WebSocket operations to the channel was then
		// dropped, and about 1 socket in 15 never got its connection_ack.
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.pathMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				.pathMatchers(HttpMethod.GET, "/.well-known/jwks.json", "/graphiql", "/graphiql/**", "/")
				.permitAll()
				.pathMatchers(HttpMethod.POST, "/auth/demo-token")
				.permitAll()
				// Signed upload and download URLs: the signature is the credential, and
				// the
				// content feature checks it and the signer's lens itself.
				.pathMatchers("/files/*")
				.permitAll()
				// The WebSocket upgrade: its token comes in connection_init, never in the
				// URL.
				.pathMatchers(HttpMethod.GET, "/graphql")
				.permitAll()
				// Metrics and the rest of the management endpoints: operators only.
				.pathMatchers("/actuator/**")
				.hasAuthority(Role.ADMIN.authority())
				.anyExchange()
				.authenticated())
			.oauth2ResourceServer((oauth2) -> oauth2.bearerTokenConverter(new BearerTokens())
				.authenticationManagerResolver((exchange) -> Mono.just(authenticationManager))
				.authenticationEntryPoint((exchange, ex) -> {
					unauthenticated.increment();
					return refuse(exchange, ex);
				}))
			.build();
	}

	/**
	 * One answer for every refused token: 401 and the same {@code WWW-Authenticate}
	 * whatever was wrong with it, so a refusal does not tell a caller whether a tenant
	 * slug exists, which issuers a tenant trusts or how far verification went. The reason
	 * is logged at DEBUG for whoever runs the service.
	 */
	private static Mono<Void> refuse(ServerWebExchange exchange, AuthenticationException ex) {
		return Mono.deferContextual((context) -> {
			RequestLog.in(context, () -> logger.debug("Refused a token: " + ex.getMessage()));
			return answerRefusal(exchange, ex);
		});
	}

	private static Mono<Void> answerRefusal(ServerWebExchange exchange, AuthenticationException ex) {
		exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
		exchange.getResponse()
			.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, (ex instanceof InvalidBearerTokenException)
					? "Bearer error=\"invalid_token\", error_description=\"The token was not accepted\"" : "Bearer");
		return UnreadBodies.drop(exchange.getRequest().getBody()).then(exchange.getResponse().setComplete());
	}

}
