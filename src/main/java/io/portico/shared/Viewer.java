package io.portico.shared;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The verified caller of one request: always bound to exactly one tenant, taken only from
 * a validated token (or, for start-up work, from the service itself).
 *
 * @param tenantId the tenant's id
 * @param tenant the tenant's slug
 * @param subject who acts, as the token names them
 * @param displayName a human name if the token carries one
 * @param role what the viewer may do
 * @param clientAccount the client account a CLIENT belongs to; {@code null} for staff
 * @param teams staff teams the viewer belongs to
 * @param expiresAt when the viewer's token expires; nothing outlives it
 */
public record Viewer(UUID tenantId, String tenant, String subject, @Nullable String displayName, Role role,
		@Nullable String clientAccount, List<String> teams, @Nullable Instant expiresAt) {

	/** A viewer whose credentials do not expire (the service's own work, tests). */
	public Viewer(UUID tenantId, String tenant, String subject, @Nullable String displayName, Role role,
			@Nullable String clientAccount, List<String> teams) {
		this(tenantId, tenant, subject, displayName, role, clientAccount, teams, null);
	}

	public Viewer {
		teams = List.copyOf(teams);
		if (role == Role.CLIENT && clientAccount == null) {
			throw new IllegalArgumentException("A CLIENT viewer must name its client account");
		}
		if (role != Role.CLIENT) {
			clientAccount = null;
		}
	}

	public boolean isClient() {
		return this.role == Role.CLIENT;
	}

	/**
	 * What decides what this viewer may see — tenant, role, client account and teams —
	 * without who it is or when its token expires. Two viewers with the same lens read
	 * the same rows and receive the same events, so reads on behalf of a lens can be
	 * shared by all its viewers. Nothing that depends on the subject may be read through
	 * it.
	 */
	public Viewer lens() {
		return new Viewer(this.tenantId, this.tenant, "lens:" + this.role.name().toLowerCase(java.util.Locale.ROOT),
				null, this.role, this.clientAccount, this.teams.stream().sorted().toList(), null);
	}

	/** The service acting for a tenant at start-up (loading configuration, seeding). */
	public static Viewer system(UUID tenantId, String tenant) {
		return new Viewer(tenantId, tenant, "portico", "Portico", Role.ADMIN, null, List.of());
	}

}
