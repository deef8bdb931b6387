package io.portico.project;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.database.SqlValues;
import io.portico.project.Project.ClientAccount;
import io.portico.project.Project.ProjectStatus;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Project and client account SQL; must run inside a {@code TenantDatabase} transaction.
 */
@Repository
class ProjectRepository {

	private static final String COLUMNS = """
			id, client_account_id, name, status, template_key, start_date, target_date,
			contract_value, currency, created_at, scope_locked_at
			""";

	private final DatabaseClient client;

	ProjectRepository(DatabaseClient client) {
		this.client = client;
	}

	Flux<Project> byIds(Viewer viewer, Collection<UUID> ids) {
		return this.client.sql("SELECT " + COLUMNS + " FROM project WHERE tenant_id = :tenant AND id = ANY(:ids)")
			.bind("tenant", viewer.tenantId())
			.bind("ids", ids.toArray(UUID[]::new))
			.map(ProjectRepository::project)
			.all();
	}

	/** A page of projects, newest first ({@link #pageSql}). */
	Flux<Project> page(Viewer viewer, @Nullable Cursor after, List<String> statuses, int limit) {
		return page(viewer, COLUMNS, after, statuses, limit).map(ProjectRepository::project).all();
	}

	/**
	 * The same page as a statement with its values written in
	 * ({@link SqlValues#literals()}), each project as the JSON {@code nodeJson} builds
	 * over this table (named {@code project}), with what its cursor is made of
	 * ({@link #jsonRow}).
	 */
	static String jsonPage(Viewer viewer, String nodeJson, boolean cursors, @Nullable Cursor after,
			List<String> statuses, int limit) {
		String cursor = cursors ? "CAST(EXTRACT(EPOCH FROM created_at) * 1000000 AS bigint) AS created_micros, id, "
				: "";
		return pageSql(cursor + "CAST(" + nodeJson + " AS text) AS node", SqlValues.literals(), viewer, after, statuses,
				limit);
	}

	/**
	 * A row of {@link #jsonPage}, with what its cursor is made of when it was read. Its
	 * rows come as text, and the time as microseconds: parsing PostgreSQL's text
	 * timestamps through {@code DateTimeFormatter} took 14 % of the JVM's CPU for the
	 * simple query (JFR, issue 7).
	 */
	static JsonRow jsonRow(Readable row, boolean cursors) {
		String node = row.get("node", String.class);
		if (!cursors) {
			return new JsonRow(node, null);
		}
		Long micros = row.get("created_micros", Long.class);
		return new JsonRow(node,
				new Cursor(OffsetDateTime.ofInstant(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC),
						row.get("id", UUID.class)));
	}

	private DatabaseClient.GenericExecuteSpec page(Viewer viewer, String select, @Nullable Cursor after,
			List<String> statuses, int limit) {
		SqlValues.Bound values = SqlValues.bound();
		String sql = pageSql(select, values, viewer, after, statuses, limit);
		return values.bindTo(this.client.sql(sql));
	}

	/**
	 * Newest first, keyset-paginated on (created_at, id) so pages stay stable while
	 * projects are added; fetches one extra row to know whether another page follows.
	 * Each combination of filters is a statement of its own: one statement with
	 * {@code :after IS NULL OR ...} conditions could use neither the index's order nor a
	 * cached plan, and sorted all of the tenant's projects for every page.
	 */
	private static String pageSql(String select, SqlValues values, Viewer viewer, @Nullable Cursor after,
			List<String> statuses, int limit) {
		return "SELECT " + select + " FROM project WHERE tenant_id = " + values.of(viewer.tenantId())
				+ (statuses.isEmpty() ? "" : " AND status = ANY(" + values.of(statuses.toArray(String[]::new)) + ")")
				+ ((after != null) ? " AND (created_at, id) < (" + values.of(after.createdAt()) + ", "
						+ values.of(after.id()) + ")" : "")
				+ " ORDER BY created_at DESC, id DESC LIMIT " + values.of(limit);
	}

	/** Adds to the contract value (a change order's cost; negative for a credit). */
	Mono<Void> addToContractValue(Viewer viewer, UUID projectId, BigDecimal delta) {
		return this.client.sql("""
				UPDATE project SET contract_value = coalesce(contract_value, 0) + :delta
				WHERE tenant_id = :tenant AND id = :id
				""").bind("delta", delta).bind("tenant", viewer.tenantId()).bind("id", projectId).then();
	}

	Mono<Void> insert(Viewer viewer, Project project) {
		return this.client.sql("""
				INSERT INTO project (tenant_id, id, client_account_id, name, status, template_key, start_date,
				    target_date, contract_value, currency, created_at, created_by)
				VALUES (:tenant, :id, :client, :name, :status, :template, :start, :target, :value, :currency,
				    :createdAt, :by)
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", project.id())
			.bind("client", project.clientAccountId())
			.bind("name", project.name())
			.bind("status", project.status().name())
			.bind("template", Sql.nullable(project.templateKey(), String.class))
			.bind("start", project.startDate())
			.bind("target", project.targetDate())
			.bind("value", Sql.nullable(project.contractValue(), BigDecimal.class))
			.bind("currency", project.currency())
			.bind("createdAt", project.createdAt())
			.bind("by", viewer.subject())
			.then();
	}

	Flux<ClientAccount> clientAccounts(Viewer viewer, @Nullable Collection<String> ids) {
		return this.client.sql("""
				SELECT id, name FROM client_account
				WHERE tenant_id = :tenant AND (:all OR id = ANY(:ids::text[]))
				ORDER BY name, id
				""")
			.bind("tenant", viewer.tenantId())
			.bind("all", ids == null)
			.bind("ids", (ids != null) ? ids.toArray(String[]::new) : new String[0])
			.map((row) -> new ClientAccount(row.get("id", String.class), row.get("name", String.class)))
			.all();
	}

	/** Inserts or renames a client account; answers whether it was new. */
	Mono<ClientAccount> upsertClientAccount(Viewer viewer, ClientAccount account) {
		return this.client.sql("""
				INSERT INTO client_account (tenant_id, id, name) VALUES (:tenant, :id, :name)
				ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name
				RETURNING id, name
				""")
			.bind("tenant", viewer.tenantId())
			.bind("id", account.id())
			.bind("name", account.name())
			.map((row) -> new ClientAccount(row.get("id", String.class), row.get("name", String.class)))
			.one();
	}

	record Cursor(OffsetDateTime createdAt, UUID id) {
	}

	/**
	 * A project as JSON the database built, and what its cursor is made of when asked.
	 */
	record JsonRow(String json, @Nullable Cursor cursor) {
	}

	private static Project project(Readable row) {
		return new Project(row.get("id", UUID.class), row.get("client_account_id", String.class),
				row.get("name", String.class), ProjectStatus.valueOf(row.get("status", String.class)),
				row.get("template_key", String.class), row.get("start_date", LocalDate.class),
				row.get("target_date", LocalDate.class), row.get("contract_value", BigDecimal.class),
				row.get("currency", String.class), row.get("created_at", OffsetDateTime.class),
				row.get("scope_locked_at", OffsetDateTime.class));
	}

}
