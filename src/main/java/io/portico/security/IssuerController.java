package io.portico.security;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.portico.database.DemoMode;
import io.portico.shared.Role;
import io.portico.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Portico as an issuer: its public keys for anyone who verifies its tokens, and, in demo
 * mode only, tokens for any role of any loaded tenant so a newcomer can try the API.
 */
@RestController
class IssuerController {

	private final SigningKeys keys;

	private final TokenIssuer issuer;

	private final TenantRegistry tenants;

	private final DemoMode demo;

	private final IssuerProperties properties;

	IssuerController(SigningKeys keys, TokenIssuer issuer, TenantRegistry tenants, DemoMode demo,
			IssuerProperties properties) {
		this.keys = keys;
		this.issuer = issuer;
		this.tenants = tenants;
		this.demo = demo;
		this.properties = properties;
	}

	@GetMapping("/.well-known/jwks.json")
	Map<String, Object> jwks() {
		return this.keys.jwks();
	}

	@PostMapping("/auth/demo-token")
	Mono<ResponseEntity<Map<String, Object>>> demoToken(@RequestBody DemoTokenRequest request, ServerHttpRequest http) {
		if (!this.demo.enabled()) {
			return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("error", "DEMO_DISABLED", "message", "Demo tokens are off (portico.demo.enabled)")));
		}
		if (!this.demo.allowRemote() && !fromLoopback(http)) {
			return Mono.just(ResponseEntity.status(HttpStatus.FORBIDDEN)
				.body(Map.of("error", "DEMO_LOCAL_ONLY", "message",
						"Demo tokens are given only to callers on the same machine (portico.demo.allow-remote)")));
		}
		String problem = request.problem(this.tenants);
		if (problem != null) {
			return Mono.just(ResponseEntity.badRequest().body(Map.of("error", "BAD_REQUEST", "message", problem)));
		}
		Role role = Role.valueOf(request.role());
		String token = this.issuer.issue(request.tenant(), role, request.subject(),
				(role == Role.CLIENT) ? request.clientAccount() : null,
				(request.teams() != null) ? request.teams() : List.of(), this.properties.demoTokenTtl());
		return Mono.just(ResponseEntity.ok(Map.of("token", token)));
	}

	private static boolean fromLoopback(ServerHttpRequest http) {
		InetSocketAddress remote = http.getRemoteAddress();
		return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
	}

	record DemoTokenRequest(@Nullable String tenant, @Nullable String role, @Nullable String subject,
			@Nullable String clientAccount, @Nullable List<String> teams) {

		@Nullable String problem(TenantRegistry tenants) {
			if (this.tenant == null || tenants.bySlug(this.tenant).isEmpty()) {
				return "'tenant' must be one of " + tenants.all().stream().map((t) -> t.slug()).toList();
			}
			if (this.role == null || Arrays.stream(Role.values()).noneMatch((r) -> r.name().equals(this.role))) {
				return "'role' must be ADMIN, STAFF, CLIENT or INTEGRATION";
			}
			if (this.subject == null || this.subject.isBlank() || this.subject.length() > 200) {
				return "'subject' is required (at most 200 characters)";
			}
			if ("CLIENT".equals(this.role) && (this.clientAccount == null || this.clientAccount.isBlank())) {
				return "'clientAccount' is required for a CLIENT token";
			}
			return null;
		}

	}

}
