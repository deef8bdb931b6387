package io.portico.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.jsonwebtoken.Jwts;
import io.portico.shared.Role;
import io.portico.tenant.TenantProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** Signs Portico's own tokens: the demo tokens, and tokens for tests and tools. */
@Component
public class TokenIssuer {

	private final SigningKeys keys;

	private final String issuer;

	private final Clock clock;

	TokenIssuer(SigningKeys keys, TenantProperties tenants, Clock clock) {
		this.keys = keys;
		this.issuer = tenants.builtInIssuer();
		this.clock = clock;
	}

	public String issue(String tenant, Role role, String subject, @Nullable String clientAccount, List<String> teams,
			Duration ttl) {
		Instant now = this.clock.instant();
		var builder = Jwts.builder()
			.header()
			.keyId(this.keys.keyId())
			.and()
			.issuer(this.issuer)
			.subject(subject)
			.issuedAt(Date.from(now))
			.expiration(Date.from(now.plus(ttl)))
			.claim("tenant", tenant)
			.claim("role", role.name())
			.claim("teams", teams);
		if (clientAccount != null) {
			builder.claim("client_account", clientAccount);
		}
		return builder.signWith(this.keys.privateKey(), Jwts.SIG.RS256).compact();
	}

}
