package io.portico.security;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.logs.LogReference;
import io.portico.tenant.Tenant;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantProperties;
import io.portico.tenant.TenantRegistry;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Accepts a bearer token only when it is validly signed by an issuer that the token's
 * tenant trusts. The tenant is the token's {@code tenant} claim or, when absent, the
 * single tenant that trusts the issuer; the token is verified with that tenant's settings
 * for the issuer (keys, audience, claim names).
 */
@Component
class TenantTokenAuthenticationManager implements ReactiveAuthenticationManager {

	private final TenantRegistry tenants;

	private final SigningKeys keys;

	private final String builtInIssuer;

	// One decoder per (tenant, issuer): decoders cache remote key sets.
	private final Map<String, ReactiveJwtDecoder> decoders = new ConcurrentHashMap<>();

	private final VerifiedTokens verified;

	TenantTokenAuthenticationManager(TenantRegistry tenants, SigningKeys keys, TenantProperties properties,
			Clock clock) {
		this.tenants = tenants;
		this.keys = keys;
		this.builtInIssuer = properties.builtInIssuer();
		this.verified = new VerifiedTokens(10_000, clock);
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
			return Mono.empty();
		}
		// From here on, the request's log lines name the viewer's tenant.
		return verify(bearer).transformDeferredContextual((verified, context) -> verified.doOnNext(
				(viewer) -> LogReference.nameTenant(context, ((ViewerAuthentication) viewer).getPrincipal().tenant())));
	}

	private Mono<Authentication> verify(BearerTokenAuthenticationToken bearer) {
		Viewer known = this.verified.get(bearer.getToken());
		if (known != null) {
			return Mono.just(authenticated(known));
		}
		return Mono.defer(() -> {
			JWTClaimsSet unverified = peek(bearer.getToken());
			Tenant tenant = tenantOf(unverified);
			TenantConfig.Issuer issuer = tenant.config()
				.issuers()
				.stream()
				.filter((i) -> i.issuer().equals(unverified.getIssuer()))
				.findFirst()
				.orElseThrow(() -> invalid("the token's tenant does not trust its issuer"));
			return decoder(tenant, issuer).decode(bearer.getToken())
				.onErrorMap(JwtException.class, (ex) -> invalid(ex.getMessage()))
				.map((jwt) -> {
					Viewer viewer = viewer(jwt, tenant, issuer);
					this.verified.put(bearer.getToken(), viewer);
					return authenticated(viewer);
				});
		});
	}

	/** Reads claims before verification only to choose who verifies them. */
	private static JWTClaimsSet peek(String token) {
		try {
			JWT parsed = JWTParser.parse(token);
			// Only signed tokens: an encrypted one has no readable claims, an unsecured
			// one proves nothing.
			if (!(parsed instanceof SignedJWT)) {
				throw invalid("only signed tokens (JWS) are accepted");
			}
			JWTClaimsSet claims = parsed.getJWTClaimsSet();
			if (claims.getIssuer() == null) {
				throw invalid("the token names no issuer");
			}
			return claims;
		}
		catch (ParseException ex) {
			throw invalid("the token is malformed");
		}
	}

	private Tenant tenantOf(JWTClaimsSet claims) {
		Object slug = claims.getClaim("tenant");
		if (slug != null) {
			Tenant tenant = this.tenants.bySlug(slug.toString())
				.orElseThrow(() -> invalid("the token's tenant is unknown"));
			return tenant;
		}
		List<Tenant> trusting = this.tenants.trusting(claims.getIssuer());
		if (trusting.size() != 1) {
			throw invalid((trusting.isEmpty()) ? "no tenant trusts the token's issuer"
					: "the token names no tenant and several tenants trust its issuer");
		}
		return trusting.get(0);
	}

	private ReactiveJwtDecoder decoder(Tenant tenant, TenantConfig.Issuer issuer) {
		return this.decoders.computeIfAbsent(tenant.slug() + " " + issuer.issuer(), (key) -> {
			NimbusReactiveJwtDecoder decoder;
			if (issuer.jwksUri() != null) {
				decoder = NimbusReactiveJwtDecoder.withJwkSetUri(issuer.jwksUri()).build();
			}
			else if (issuer.publicKey() != null) {
				decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey(issuer.publicKey())).build();
			}
			else if (issuer.issuer().equals(this.builtInIssuer)) {
				decoder = NimbusReactiveJwtDecoder.withPublicKey(this.keys.publicKey()).build();
			}
			else {
				throw new IllegalStateException("Issuer " + issuer.issuer() + " has no keys");
			}
			List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
			validators.add(JwtValidators.createDefaultWithIssuer(issuer.issuer()));
			// A token that never expires would keep its socket open forever.
			validators.add(new JwtClaimValidator<Instant>("exp", Objects::nonNull));
			if (issuer.audience() != null) {
				validators.add(new JwtClaimValidator<Collection<String>>("aud",
						(aud) -> aud != null && aud.contains(issuer.audience())));
			}
			decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
			return decoder;
		});
	}

	private static Authentication authenticated(Viewer viewer) {
		return new ViewerAuthentication(viewer, List.of(new SimpleGrantedAuthority(viewer.role().authority())));
	}

	private static Viewer viewer(Jwt jwt, Tenant tenant, TenantConfig.Issuer issuer) {
		TenantConfig.Claims names = issuer.claims();
		Role role = role(jwt.getClaim(names.role()));
		String clientAccount = jwt.getClaimAsString(names.clientAccount());
		if (role == Role.CLIENT && (clientAccount == null || clientAccount.isBlank())) {
			throw invalid("a CLIENT token must name its client account in '" + names.clientAccount() + "'");
		}
		if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
			throw invalid("the token names no subject");
		}
		return new Viewer(tenant.id(), tenant.slug(), jwt.getSubject(), jwt.getClaimAsString(names.name()), role,
				clientAccount, teams(jwt.getClaim(names.teams())), jwt.getExpiresAt());
	}

	private static Role role(Object claim) {
		Object value = (claim instanceof Collection<?> values && values.size() == 1) ? values.iterator().next() : claim;
		if (value != null) {
			try {
				return Role.valueOf(value.toString().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				// fall through
			}
		}
		throw invalid("the token carries no role of ADMIN, STAFF, CLIENT or INTEGRATION");
	}

	private static List<String> teams(Object claim) {
		if (claim instanceof Collection<?> values) {
			return values.stream().map(Object::toString).toList();
		}
		if (claim instanceof String text && !text.isBlank()) {
			return Arrays.asList(text.trim().split("[\\s,]+"));
		}
		return List.of();
	}

	private static RSAPublicKey publicKey(String pem) {
		String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("public-key is not a PEM RSA public key", ex);
		}
	}

	private static InvalidBearerTokenException invalid(String reason) {
		return new InvalidBearerTokenException("Invalid token: " + reason);
	}

}
