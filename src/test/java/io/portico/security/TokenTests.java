package io.portico.security;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.jsonwebtoken.Jwts;
import io.portico.PorticoTest;
import io.portico.TestIdentityProviders;
import io.portico.shared.Role;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token is accepted only when validly signed by an issuer that its tenant trusts.
 */
class TokenTests extends PorticoTest {

	@Autowired
	private SigningKeys keys;

	private static final String VIEWER = "{\"query\":\"{ viewer { subject role teams clientAccount { id } } portal { tenant } }\"}";

	@Test
	void graphqlNeedsAToken() {
		status(null).isEqualTo(HttpStatus.UNAUTHORIZED);
		status("not.a.jwt").isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void healthAndKeysAreOpen() {
		http().get()
			.uri("/actuator/health/readiness")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		http().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void portalTokensVerifyAgainstThePublishedKeys() throws Exception {
		String body = http().get()
			.uri("/.well-known/jwks.json")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		RSAKey key = (RSAKey) JWKSet.parse(body).getKeys().get(0);
		SignedJWT token = SignedJWT
			.parse(this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(1)));
		assertThat(token.getHeader().getKeyID()).isEqualTo(key.getKeyID());
		assertThat(token.verify(new RSASSAVerifier(key))).isTrue();
		assertThat(key.isPrivate()).isFalse();
	}

	@Test
	void tokenSignedWithAnotherKeyIsRejected() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair forged = generator.generateKeyPair();
		String token = Jwts.builder()
			.issuer("portico")
			.subject("mallory")
			.claim("tenant", BUILDER)
			.claim("role", "ADMIN")
			.expiration(Date.from(Instant.now().plusSeconds(600)))
			.signWith(forged.getPrivate(), Jwts.SIG.RS256)
			.compact();
		status(token).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aRefusalSaysTheSameWhetherOrNotTheTenantExists() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair forged = generator.generateKeyPair();
		Set<String> answers = new HashSet<>();
		for (String tenant : List.of(BUILDER, "no-such-tenant")) {
			String token = Jwts.builder()
				.issuer("portico")
				.subject("mallory")
				.claim("tenant", tenant)
				.claim("role", "ADMIN")
				.expiration(Date.from(Instant.now().plusSeconds(600)))
				.signWith(forged.getPrivate(), Jwts.SIG.RS256)
				.compact();
			answers.add(refusal(token));
		}
		answers.add(refusal(TestIdentityProviders.inlineToken("kim", "ADMIN", Duration.ofMinutes(5))
			.claim("tenant", BUILDER)
			.compact()));
		answers.add(refusal(this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(-5))));

		assertThat(answers)
			.containsExactly("401 Bearer error=\"invalid_token\", error_description=\"The token was not accepted\"");
	}

	private String refusal(String token) {
		var result = http().post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.bodyValue(VIEWER)
			.exchange()
			.returnResult(String.class);
		return result.getStatus().value() + " " + result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE);
	}

	@Test
	void aTokenThatNeverExpiresIsRefused() {
		String token = TestIdentityProviders.inlineToken("kim", "STAFF", Duration.ofMinutes(5))
			.expiration(null)
			.claim("tenant", TestIdentityProviders.TEST_TENANT)
			.compact();
		status(token).isEqualTo(HttpStatus.UNAUTHORIZED);
		status(TestIdentityProviders.inlineToken("kim", "STAFF", Duration.ofMinutes(5))
			.claim("tenant", TestIdentityProviders.TEST_TENANT)
			.compact()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void anEncryptedOrUnsignedTokenIsAPlainRefusal() {
		// The shapes of a JWE (five parts) and of an unsecured JWT (alg none): refused as
		// bad tokens, not failures of the service.
		String header = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}".getBytes());
		status(header + ".a2V5.aXY.Y2lwaGVy.dGFn").isEqualTo(HttpStatus.UNAUTHORIZED);
		String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
		String claims = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("{\"iss\":\"portico\",\"tenant\":\"" + BUILDER + "\",\"role\":\"ADMIN\",\"sub\":\"x\"}")
				.getBytes());
		status(none + "." + claims + ".").isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void expiredTokenIsRejected() {
		status(this.tokens.issue(BUILDER, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(-5)))
			.isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void tokenForATenantThatDoesNotTrustItsIssuerIsRejected() {
		// acme-test does not trust Portico's own issuer
		status(this.tokens.issue(TestIdentityProviders.TEST_TENANT, Role.ADMIN, "kim", null, List.of(),
				Duration.ofMinutes(5)))
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		// and the builder does not trust Acme's identity provider
		status(TestIdentityProviders.inlineToken("kim", "ADMIN", Duration.ofMinutes(5))
			.claim("tenant", BUILDER)
			.compact()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void tokenWithoutTenantNeedsExactlyOneTrustingTenant() {
		String ambiguous = Jwts.builder()
			.issuer("portico")
			.subject("kim")
			.claim("role", "ADMIN")
			.expiration(Date.from(Instant.now().plusSeconds(600)))
			.signWith(this.keys.privateKey(), Jwts.SIG.RS256)
			.compact();
		status(ambiguous).isEqualTo(HttpStatus.UNAUTHORIZED);

		tester(TestIdentityProviders.inlineToken("kim@acme.test", "staff", Duration.ofMinutes(5))
			.claim("groups", List.of("design", "accounts"))
			.compact()).document("{ viewer { subject role teams } portal { tenant } }")
			.execute()
			.path("viewer.role")
			.entity(String.class)
			.isEqualTo("STAFF")
			.path("viewer.teams")
			.entityList(String.class)
			.containsExactly("design", "accounts")
			.path("portal.tenant")
			.entity(String.class)
			.isEqualTo(TestIdentityProviders.TEST_TENANT);
	}

	@Test
	void audienceIsEnforcedWhenTheTenantAsksForIt() {
		String token = TestIdentityProviders.inlineToken("kim", "STAFF", Duration.ofMinutes(5), "someone-else")
			.compact();
		status(token).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void issuerPublishingJwksIsTrusted() {
		tester(TestIdentityProviders.jwksToken("ana@acme.test", "ADMIN").compact())
			.document("{ viewer { subject role } }")
			.execute()
			.path("viewer.subject")
			.entity(String.class)
			.isEqualTo("ana@acme.test");
	}

	@Test
	void clientTokenMustNameItsAccountAndRoleMustBeKnown() {
		status(TestIdentityProviders.inlineToken("c", "CLIENT", Duration.ofMinutes(5)).compact())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		status(TestIdentityProviders.inlineToken("c", "OWNER", Duration.ofMinutes(5)).compact())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		tester(TestIdentityProviders.inlineToken("c", "CLIENT", Duration.ofMinutes(5))
			.claim("org", "acme-client")
			.compact()).document("{ viewer { role clientAccount { id } } portal { templates { key } } }")
			.execute()
			.path("viewer.role")
			.entity(String.class)
			.isEqualTo("CLIENT")
			.path("portal.templates")
			.entityList(Object.class)
			.hasSize(0);
	}

	@Test
	void demoTokenEndpointIssuesWorkingTokensAndChecksItsInput() {
		String token = http().post()
			.uri("/auth/demo-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("tenant", BUILDER, "role", "CLIENT", "subject", "amara", "clientAccount",
					"okafor-household"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("token")
			.toString();
		tester(token).document("{ viewer { role clientAccount { id } } }")
			.execute()
			.path("viewer.clientAccount.id")
			.entity(String.class)
			.isEqualTo("okafor-household");

		for (Map<String, Object> bad : List.<Map<String, Object>>of(
				Map.of("tenant", "nope", "role", "ADMIN", "subject", "x"),
				Map.of("tenant", BUILDER, "role", "ROOT", "subject", "x"),
				Map.of("tenant", BUILDER, "role", "CLIENT", "subject", "x"),
				Map.of("tenant", BUILDER, "role", "STAFF", "subject", " "))) {
			http().post()
				.uri("/auth/demo-token")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(bad)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.error")
				.isEqualTo("BAD_REQUEST");
		}
	}

	@Test
	void demoTokensGoOnlyToCallersOnThisMachine() throws Exception {
		InetAddress external = nonLoopbackAddress();
		Assumptions.assumeTrue(external != null, "this machine has no non-loopback address");
		String host = (external instanceof Inet6Address) ? "[" + external.getHostAddress() + "]"
				: external.getHostAddress();

		WebTestClient.bindToServer()
			.baseUrl("http://" + host + ":" + this.port)
			.build()
			.post()
			.uri("/auth/demo-token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("tenant", BUILDER, "role", "ADMIN", "subject", "intruder"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("DEMO_LOCAL_ONLY")
			.jsonPath("$.token")
			.doesNotExist();
	}

	private static @Nullable InetAddress nonLoopbackAddress() throws Exception {
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (!network.isUp() || network.isLoopback()) {
				continue;
			}
			for (InetAddress address : Collections.list(network.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
					return address;
				}
			}
		}
		return null;
	}

	private org.assertj.core.api.AbstractObjectAssert<?, HttpStatus> status(@Nullable String token) {
		var request = http().post().uri("/graphql").contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		HttpStatus status = HttpStatus
			.valueOf(request.bodyValue(VIEWER).exchange().returnResult(String.class).getStatus().value());
		return assertThat(status);
	}

}
