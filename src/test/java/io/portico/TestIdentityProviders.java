package io.portico;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;

/**
 * Two external identity providers for the tests, with real keys: one whose public key is
 * written inline in a tenant file, one that publishes a JWKS over real HTTP. The tests'
 * tenants directory holds the demo tenants plus {@code acme-test}, which trusts both.
 */
public final class TestIdentityProviders {

	public static final String TEST_TENANT = "acme-test";

	/** A tenant that accepts only PDF and plain text, up to 1 MiB. */
	public static final String SMALL_FILES_TENANT = "small-files";

	/** A copy of the builder demo tenant, seeded again by the tests. */
	public static final String SEED_TENANT = "seed-test";

	/** A tenant with small limits of every kind; its neighbours keep the defaults. */
	public static final String TIGHT_TENANT = "tight-limits";

	/** A tenant whose own rate is small, flooded in the tests while others are served. */
	public static final String NOISY_TENANT = "noisy-neighbour";

	public static final String INLINE_ISSUER = "https://login.acme.test/";

	public static final String JWKS_ISSUER = "https://sso.acme.test/";

	public static final KeyPair INLINE_KEY = generate();

	public static final KeyPair JWKS_KEY = generate();

	private static final HttpServer jwksServer = startJwksServer();

	private static final Path tenantsDir = writeTenants();

	private TestIdentityProviders() {
	}

	public static Path tenantsDir() {
		return tenantsDir;
	}

	/** A token of the inline-key provider, with its custom claim names. */
	public static JwtBuilder inlineToken(String subject, String role, Duration ttl) {
		return inlineToken(subject, role, ttl, "portico");
	}

	public static JwtBuilder inlineToken(String subject, String role, Duration ttl, String audience) {
		Instant now = Instant.now();
		return Jwts.builder()
			.issuer(INLINE_ISSUER)
			.subject(subject)
			.audience()
			.add(audience)
			.and()
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(ttl)))
			.claim("portico_role", role)
			.signWith(INLINE_KEY.getPrivate(), Jwts.SIG.RS256);
	}

	public static JwtBuilder jwksToken(String subject, String role) {
		Instant now = Instant.now();
		return Jwts.builder()
			.header()
			.keyId("sso-1")
			.and()
			.issuer(JWKS_ISSUER)
			.subject(subject)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plusSeconds(600)))
			.claim("role", role)
			.signWith(JWKS_KEY.getPrivate(), Jwts.SIG.RS256);
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static HttpServer startJwksServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] body = new JWKSet(new RSAKey.Builder((RSAPublicKey) JWKS_KEY.getPublic()).keyID("sso-1").build())
				.toString()
				.getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks.json", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path writeTenants() {
		try {
			Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-tenants-");
			try (Stream<Path> files = Files.list(Path.of("tenants"))) {
				for (Path file : files.toList()) {
					Files.copy(file, dir.resolve(file.getFileName()));
				}
			}
			// A demo tenant of its own for the seeding tests, which seed it again.
			Files.writeString(dir.resolve(SEED_TENANT + ".yaml"),
					Files.readString(Path.of("tenants/hearthstone-homes.yaml"))
						.replace("slug: hearthstone-homes", "slug: " + SEED_TENANT));
			String pem = "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(INLINE_KEY.getPublic().getEncoded())
					+ "\n-----END PUBLIC KEY-----";
			String jwksUri = "http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json";
			Files.writeString(dir.resolve(TEST_TENANT + ".yaml"), """
					slug: %s
					name: Acme Test Co
					industry: AGENCY
					issuers:
					  - issuer: %s
					    audience: portico
					    claims:
					      role: portico_role
					      client-account: org
					      teams: groups
					    public-key: |
					%s
					  - issuer: %s
					    jwks-uri: %s
					templates:
					  - key: simple
					    name: Simple
					    milestones:
					      - key: only
					        name: Only step
					        duration-days: 1
					""".formatted(TEST_TENANT, INLINE_ISSUER, pem.indent(6).stripTrailing(), JWKS_ISSUER, jwksUri));
			Files.writeString(dir.resolve(SMALL_FILES_TENANT + ".yaml"), """
					slug: %s
					name: Small Files Co
					industry: CONSTRUCTION
					issuers:
					  - issuer: portico
					documents:
					  allowed-types: [application/pdf, text/plain]
					  max-size-mb: 1
					templates:
					  - key: simple
					    name: Simple
					    milestones:
					      - key: only
					        name: Only step
					        duration-days: 1
					""".formatted(SMALL_FILES_TENANT));
			Files.writeString(dir.resolve(TIGHT_TENANT + ".yaml"), """
					slug: %s
					name: Tight Limits Co
					industry: AGENCY
					issuers:
					  - issuer: portico
					limits:
					  max-depth: 6
					  max-cost: 300
					  max-fields: 40
					  max-root-fields: 3
					  cost-per-minute: 400
					  subscriptions-per-socket: 2
					  subscriptions-per-viewer: 3
					templates:
					  - key: simple
					    name: Simple
					    milestones:
					      - key: only
					        name: Only step
					        duration-days: 1
					""".formatted(TIGHT_TENANT));
			Files.writeString(dir.resolve(NOISY_TENANT + ".yaml"), """
					slug: %s
					name: Noisy Neighbour Co
					industry: AGENCY
					issuers:
					  - issuer: portico
					limits:
					  cost-per-minute: 300
					  tenant-cost-per-minute: 1000
					templates:
					  - key: simple
					    name: Simple
					    milestones:
					      - key: only
					        name: Only step
					        duration-days: 1
					""".formatted(NOISY_TENANT));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Map<String, String> properties() {
		return Map.of("portico.tenants.dir", tenantsDir.toString());
	}

}
