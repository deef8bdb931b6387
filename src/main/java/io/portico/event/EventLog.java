package io.portico.event;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.shared.Cursors;
import io.portico.shared.Multimaps;
import io.portico.shared.Page;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The tenant's append-only event log. Appends join the caller's transaction, so an event
 * exists exactly when the change it records committed.
 */
@Component
public class EventLog {

	// An event is for clients only if what it is about was theirs to see when it
	// happened: one about a milestone that was internal, or a document still locked, is
	// stored as internal and stays hidden from them when the milestone is shown or the
	// document released later.
	//
	// The per-tenant advisory lock is taken in the same statement, right before the
	// event's position in its tenant's log is counted (trigger event_position, V8), and
	// held to commit: a tenant's events therefore get their positions in commit order,
	// which makes the position a cursor with no gaps to fall into. It counts the
	// tenant's own events only, so a cursor says nothing about other tenants. Below,
	// "seq" is that position.
	// Appending last in a transaction keeps that serialized stretch short. The
	// notification is only a wake-up for listening instances (PostgreSQL delivers it on
	// commit, and never for a rollback); they read the log itself.
	private static final String APPEND = """
			WITH tenant_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(:tenant::text, 0))),
			appended AS (
			    INSERT INTO event (tenant_id, project_id, milestone_id, document_id, internal, type, actor, occurred_at,
			        payload)
			    SELECT :tenant, :project, :milestone, :document,
			        :internal
			        OR (CAST(:milestone AS uuid) IS NOT NULL AND NOT EXISTS (SELECT FROM milestone m
			            WHERE m.tenant_id = :tenant AND m.id = :milestone AND m.client_visible))
			        OR (CAST(:document AS uuid) IS NOT NULL AND NOT EXISTS (SELECT FROM document d
			            WHERE d.tenant_id = :tenant AND d.id = :document
			              AND d.unlocked_at IS NOT NULL AND d.withdrawn_at IS NULL)),
			        :type, :actor, :occurredAt, CAST(:payload AS jsonb)
			    FROM tenant_lock
			    RETURNING position
			)
			SELECT position AS seq, pg_notify('portico_events', :tenant::text || ':' || position) FROM appended
			""";

	// An internal event goes through a function that runs past the client lens: see
	// portico_append_internal_event in V5.
	private static final String APPEND_INTERNAL = """
			SELECT portico_append_internal_event(:project, :milestone, :type, :actor, :occurredAt,
			    CAST(:payload AS jsonb)) AS seq
			""";

	private static final String SINCE = """
			SELECT position AS seq, project_id, milestone_id, document_id, type, actor, payload::text AS payload,
			    occurred_at
			FROM event
			WHERE tenant_id = :tenant AND position > :after
			  AND (CAST(:project AS uuid) IS NULL OR project_id = :project)
			ORDER BY position
			LIMIT :limit
			""";

	// Counts no further than the limit: the cost of asking stays bounded however old the
	// cursor is.
	private static final String COUNT_SINCE = """
			SELECT count(*) AS n FROM (
			    SELECT FROM event
			    WHERE tenant_id = :tenant AND position > :after
			      AND (CAST(:project AS uuid) IS NULL OR project_id = :project)
			    LIMIT :limit
			) following
			""";

	/** The channel instances listen on; payloads are {@code tenant-id:seq}. */
	public static final String CHANNEL = "portico_events";

	// One statement for the activity of many projects: the newest rows of each project
	// before the cursor, one more than asked to know whether another page follows.
	private static final String PAGES = """
			SELECT seq, project_id, milestone_id, document_id, type, actor, payload, occurred_at
			FROM (
			    SELECT position AS seq, project_id, milestone_id, document_id, type, actor, payload::text AS payload,
			           occurred_at, row_number() OVER (PARTITION BY project_id ORDER BY position DESC) AS n
			    FROM event
			    WHERE tenant_id = :tenant AND project_id = ANY(:projects) AND position < :before
			) newest
			WHERE n <= :limit
			ORDER BY project_id, seq DESC
			""";

	// The events after a position of each of several projects, oldest first, at most
	// :limit of each.
	private static final String SINCE_EACH = """
			SELECT seq, project_id, milestone_id, document_id, type, actor, payload, occurred_at
			FROM (
			    SELECT e.position AS seq, e.project_id, e.milestone_id, e.document_id, e.type, e.actor,
			           e.payload::text AS payload, e.occurred_at,
			           row_number() OVER (PARTITION BY e.project_id ORDER BY e.position) AS n
			    FROM event e
			    JOIN unnest(CAST(:projects AS uuid[]), CAST(:after AS bigint[])) AS since(project_id, position)
			      ON e.project_id = since.project_id AND e.position > since.position
			    WHERE e.tenant_id = :tenant
			) oldest
			WHERE n <= :limit
			ORDER BY project_id, seq
			""";

	// Not "event", the kind of cursors that held the global sequence: one of those is
	// refused as INVALID_CURSOR instead of resuming from the wrong place.
	private static final String CURSOR_KIND = "log";

	private final DatabaseClient client;

	private final EventKinds kinds;

	EventLog(DatabaseClient client, List<EventKind<?>> kinds) {
		this.client = client;
		this.kinds = new EventKinds(kinds);
	}

	static String cursor(long seq) {
		return Cursors.encode(CURSOR_KIND, Long.toString(seq));
	}

	/**
	 * Appends an event of a registered kind; call inside the transaction that made the
	 * change, so that the event exists exactly when the change committed. Answers its
	 * position.
	 */
	public Mono<Long> append(Viewer viewer, PortalEvent event) {
		if (event.internal()) {
			return this.client.sql(APPEND_INTERNAL)
				.bind("project", event.projectId())
				.bind("milestone", Sql.nullable(event.aboutMilestone(), UUID.class))
				.bind("type", this.kinds.name(event))
				.bind("actor", Sql.nullable(event.actor(), String.class))
				.bind("occurredAt", event.occurredAt())
				.bind("payload", this.kinds.payload(event))
				.map((row) -> row.get("seq", Long.class))
				.one();
		}
		return this.client.sql(APPEND)
			.bind("tenant", viewer.tenantId())
			.bind("project", event.projectId())
			.bind("milestone", Sql.nullable(event.aboutMilestone(), UUID.class))
			.bind("document", Sql.nullable(event.aboutDocument(), UUID.class))
			.bind("internal", false)
			.bind("type", this.kinds.name(event))
			.bind("actor", Sql.nullable(event.actor(), String.class))
			.bind("occurredAt", event.occurredAt())
			.bind("payload", this.kinds.payload(event))
			.map((row) -> row.get("seq", Long.class))
			.one();
	}

	/**
	 * Newest first, one page of activity for each project; run inside a viewer's
	 * transaction, where the client lens hides events about what the viewer may not see.
	 */
	public Mono<Map<UUID, Page<PortalEvent>>> pages(Viewer viewer, Collection<UUID> projectIds, int first,
			@Nullable String after) {
		long before = before(after);
		return this.client.sql(PAGES)
			.bind("tenant", viewer.tenantId())
			.bind("projects", projectIds.toArray(UUID[]::new))
			.bind("before", before)
			.bind("limit", first + 1)
			.map(this::event)
			.all()
			.filter(Optional::isPresent)
			.map(Optional::get)
			.collectMultimap(PortalEvent::projectId)
			.map((byProject) -> {
				Map<UUID, Page<PortalEvent>> pages = new HashMap<>();
				for (UUID projectId : projectIds) {
					List<PortalEvent> events = List.copyOf(byProject.getOrDefault(projectId, List.of()));
					pages.put(projectId, Page.of(events, first, PortalEvent::cursor, after != null));
				}
				return pages;
			});
	}

	/**
	 * Events after a position of the log, oldest first; within a viewer's transaction the
	 * client lens applies.
	 */
	public Flux<PortalEvent> since(Viewer viewer, long afterSeq, @Nullable UUID projectId, int limit) {
		return this.client.sql(SINCE)
			.bind("tenant", viewer.tenantId())
			.bind("after", afterSeq)
			.bind("project", Sql.nullable(projectId, UUID.class))
			.bind("limit", limit)
			.map(this::event)
			.all()
			.filter(Optional::isPresent)
			.map(Optional::get);
	}

	/**
	 * For each project, the events after its own position of the log, oldest first and at
	 * most {@code limit}; within a viewer's transaction the client lens applies. One
	 * statement for any number of projects.
	 */
	public Mono<Map<UUID, List<PortalEvent>>> sinceEach(Viewer viewer, Map<UUID, Long> afterByProject, int limit) {
		if (afterByProject.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<UUID> projects = List.copyOf(afterByProject.keySet());
		return this.client.sql(SINCE_EACH)
			.bind("tenant", viewer.tenantId())
			.bind("projects", projects.toArray(UUID[]::new))
			.bind("after", projects.stream().map(afterByProject::get).toArray(Long[]::new))
			.bind("limit", limit)
			.map(this::event)
			.all()
			.filter(Optional::isPresent)
			.map(Optional::get)
			.collectMultimap(PortalEvent::projectId)
			.map(Multimaps::lists);
	}

	/**
	 * Whether the project exists and the viewer may see it (in the viewer's transaction,
	 * where the client lens applies): events are followed only for such projects.
	 */
	public Mono<Boolean> projectVisible(Viewer viewer, UUID projectId) {
		return this.client.sql("SELECT EXISTS (SELECT FROM project WHERE tenant_id = :tenant AND id = :id) AS visible")
			.bind("tenant", viewer.tenantId())
			.bind("id", projectId)
			.map((row) -> Boolean.TRUE.equals(row.get("visible", Boolean.class)))
			.one();
	}

	/**
	 * How many events follow a position of the log, counting no further than
	 * {@code limit}.
	 */
	public Mono<Long> countSince(Viewer viewer, long afterSeq, @Nullable UUID projectId, int limit) {
		return this.client.sql(COUNT_SINCE)
			.bind("tenant", viewer.tenantId())
			.bind("after", afterSeq)
			.bind("project", Sql.nullable(projectId, UUID.class))
			.bind("limit", limit)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	/** The newest position of the tenant's log, 0 when it is empty. */
	public Mono<Long> latest(Viewer viewer) {
		return this.client.sql("SELECT coalesce(max(position), 0) AS seq FROM event WHERE tenant_id = :tenant")
			.bind("tenant", viewer.tenantId())
			.map((row) -> row.get("seq", Long.class))
			.one();
	}

	/**
	 * Whether the event is visible in the current transaction (the client lens decides).
	 */
	public Mono<Boolean> visible(Viewer viewer, long seq) {
		return this.client
			.sql("SELECT EXISTS (SELECT FROM event WHERE tenant_id = :tenant AND position = :seq) AS visible")
			.bind("tenant", viewer.tenantId())
			.bind("seq", seq)
			.map((row) -> Boolean.TRUE.equals(row.get("visible", Boolean.class)))
			.one();
	}

	/** The position an opaque cursor stands for; 0 (the start) when there is none. */
	public static long position(@Nullable String cursor) {
		String seq = Cursors.decode(CURSOR_KIND, cursor);
		try {
			return (seq != null) ? Long.parseLong(seq) : 0;
		}
		catch (NumberFormatException ex) {
			throw new PorticoException.Invalid("INVALID_CURSOR", "'after' is not an event cursor", "after");
		}
	}

	/**
	 * Checks a cursor early, so a bad one fails its own field rather than a whole batch.
	 */
	public static void checkCursor(@Nullable String after) {
		before(after);
	}

	/**
	 * Newest-first pages start before the cursor's position, or at the end of the log.
	 */
	private static long before(@Nullable String after) {
		return (after != null) ? position(after) : Long.MAX_VALUE;
	}

	private Optional<PortalEvent> event(Readable row) {
		return Optional.ofNullable(this.kinds.read(row.get("type", String.class), row.get("seq", Long.class),
				row.get("project_id", UUID.class), row.get("actor", String.class),
				row.get("occurred_at", OffsetDateTime.class), row.get("payload", String.class)));
	}

}
