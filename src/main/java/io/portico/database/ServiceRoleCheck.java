package io.portico.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when the service connects as a role for which row-level security does
 * not apply: a superuser, a role with BYPASSRLS, or one that owns (or inherits the rights
 * of the owner of) Portico's tables. Connected so, every tenant would see every other
 * tenant's rows and nothing would say so. Runs after the migrations and before the server
 * takes requests.
 */
@Component
class ServiceRoleCheck implements SmartInitializingSingleton {

	private final DatabaseClient client;

	ServiceRoleCheck(DatabaseClient client) {
		this.client = client;
	}

	@Override
	public void afterSingletonsInstantiated() {
		verify();
	}

	void verify() {
		verifyServiceRole();
		verifyDefinerFunctions();
	}

	/**
	 * Every SECURITY DEFINER function is owned by a role that is not a superuser and pins
	 * its search_path with pg_temp last; a migration that adds one without saying so
	 * stops the service here rather than opening a door.
	 */
	private void verifyDefinerFunctions() {
		List<String> unsafe = this.client.sql("""
				SELECT p.oid::regprocedure::text AS name
				FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_roles o ON o.oid = p.proowner
				WHERE n.nspname = 'public' AND p.prosecdef
				  AND (o.rolsuper OR NOT coalesce('search_path=pg_catalog, public, pg_temp' = ANY (p.proconfig), false))
				ORDER BY 1""")
			.map((row) -> row.get("name", String.class))
			.all()
			.collectList()
			.block(Duration.ofSeconds(30));
		if (unsafe != null && !unsafe.isEmpty()) {
			throw new IllegalStateException("SECURITY DEFINER functions " + unsafe
					+ " must be owned by the definer role (portico.app-role + '_definer'), not a superuser, and set "
					+ "search_path = pg_catalog, public, pg_temp; see migration V7 for how");
		}
	}

	private void verifyServiceRole() {
		Problems found = this.client.sql("""
				SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypasses,
				       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
				                 AND pg_has_role(current_user, c.relowner, 'USAGE')) AS owns
				FROM pg_roles r WHERE r.rolname = current_user""")
			.map((row) -> new Problems(row.get("role", String.class),
					Boolean.TRUE.equals(row.get("superuser", Boolean.class)),
					Boolean.TRUE.equals(row.get("bypasses", Boolean.class)),
					Boolean.TRUE.equals(row.get("owns", Boolean.class))))
			.one()
			.block(Duration.ofSeconds(30));
		if (found != null && !found.reasons().isEmpty()) {
			throw new IllegalStateException("Portico connects to PostgreSQL as '" + found.role() + "', which "
					+ String.join(" and ", found.reasons())
					+ ": row-level security would not apply to it, and every tenant would see every other tenant's "
					+ "data. Connect as the service role the migrations create (portico.app-role, 'portico_app' by "
					+ "default) with spring.r2dbc.username, and run the migrations as the owner with "
					+ "spring.flyway.user.");
		}
	}

	private record Problems(String role, boolean superuser, boolean bypasses, boolean owns) {

		List<String> reasons() {
			List<String> reasons = new ArrayList<>();
			if (this.superuser) {
				reasons.add("is a superuser");
			}
			if (this.bypasses) {
				reasons.add("has BYPASSRLS");
			}
			if (this.owns) {
				reasons.add("owns Portico's tables");
			}
			return reasons;
		}

	}

}
