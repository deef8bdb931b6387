package io.portico.event;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.database.Sql;
import io.portico.shared.Cursors;
import io.portico.shared.Page;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The tenant's append-only event log. Appends join the caller's transaction, so an event
 * exists exactly when the change it records committed.
 */
@Component
public class EventLog {

	static final String MILESTONE_CHANGED = "MILESTONE_CHANGED";

	static final String PROJECT_CREATED = "PROJECT_CREATED";

	static final String DOCUMENT_UNLOCKED = "DOCUMENT_UNLOCKED";

	// The per-tenant advisory lock is taken in the same statement, right before the
	// sequence value is drawn, and held to commit: a tenant's events therefore get
	// their seq in commit order, which makes seq a cursor with no gaps to fall into.
	// Appending last in a transaction keeps that serialized stretch short. The
	// notification is only a wake-up for listening instances (PostgreSQL delivers it on
	// commit, and never for a rollback); they read the log itself.
	private static final String APPEND = """
			WITH tenant_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(:tenant::text, 0))),
			appended AS (
			    INSERT INTO event (tenant_id, project_id, milestone_id, document_id, type, actor, payload)
			    SELECT :tenant, :project, :milestone, :document, :type, :actor, CAST(:payload AS jsonb)
			    FROM tenant_lock
			    RETURNING seq
			)
			SELECT seq, pg_notify('portico_events', :tenant::text || ':' || seq) FROM appended
			""";

	private static final String SINCE = """
			SELECT seq, project_id, milestone_id, document_id, type, actor, payload::text AS payload, occurred_at
			FROM event
			WHERE tenant_id = :tenant AND seq > :after AND (CAST(:project AS uuid) IS NULL OR project_id = :project)
			ORDER BY seq
			LIMIT :limit
			""";

	/** The channel instances listen on; payloads are {@code tenant-id:seq}. */
	public static final String CHANNEL = "portico_events";

	// One statement for the activity of many projects: the newest rows of each project
	// before the cursor, one more than asked to know whether another page follows.
	private static final String PAGES = """
			SELECT seq, project_id, milestone_id, document_id, type, actor, payload, occurred_at
			FROM (
			    SELECT seq, project_id, milestone_id, document_id, type, actor, payload::text AS payload, occurred_at,
			           row_number() OVER (PARTITION BY project_id ORDER BY seq DESC) AS n
			    FROM event
			    WHERE tenant_id = :tenant AND project_id = ANY(:projects) AND seq < :before
			) newest
			WHERE n <= :limit
			ORDER BY project_id, seq DESC
			""";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DatabaseClient client;

	EventLog(DatabaseClient client) {
		this.client = client;
	}

	static String cursor(long seq) {
		return Cursors.encode("event", Long.toString(seq));
	}

	/** Records a milestone's change; call inside the transaction that made it. */
	public Mono<Long> milestoneChanged(Viewer viewer, UUID projectId, UUID milestoneId, @Nullable String previousStatus,
			String status, @Nullable String note) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("previousStatus", previousStatus);
		payload.put("status", status);
		payload.put("note", note);
		return append(viewer, projectId, milestoneId, null, MILESTONE_CHANGED, payload);
	}

	/**
	 * Records that a document was unlocked by completing a milestone; call inside the
	 * transaction that unlocked it. The event is seen by whoever may see the document,
	 * whether or not they may see the milestone.
	 */
	public Mono<Long> documentUnlocked(Viewer viewer, UUID projectId, UUID documentId, @Nullable UUID milestoneId) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("milestoneId", (milestoneId != null) ? milestoneId.toString() : null);
		return append(viewer, projectId, null, documentId, DOCUMENT_UNLOCKED, payload);
	}

	/** Records a project's creation; call inside the transaction that made it. */
	public Mono<Long> projectCreated(Viewer viewer, UUID projectId) {
		return append(viewer, projectId, null, null, PROJECT_CREATED, Map.of());
	}

	private Mono<Long> append(Viewer viewer, UUID projectId, @Nullable UUID milestoneId, @Nullable UUID documentId,
			String type, Map<String, Object> payload) {
		return this.client.sql(APPEND)
			.bind("tenant", viewer.tenantId())
			.bind("project", projectId)
			.bind("milestone", Sql.nullable(milestoneId, UUID.class))
			.bind("document", Sql.nullable(documentId, UUID.class))
			.bind("type", type)
			.bind("actor", viewer.subject())
			.bind("payload", json.writeValueAsString(payload))
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
			.map(EventLog::event)
			.all()
			.collectMultimap(PortalEvent::projectId)
			.map((byProject) -> {
				Map<UUID, Page<PortalEvent>> pages = new HashMap<>();
				for (UUID projectId : projectIds) {
					List<PortalEvent> events = List.copyOf(byProject.getOrDefault(projectId, List.of()));
					List<Page.Edge<PortalEvent>> edges = events.stream()
						.limit(first)
						.map((e) -> new Page.Edge<>(e.cursor(), e))
						.toList();
					pages.put(projectId, new Page<>(edges, events.size() > first, after != null));
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
			.map(EventLog::event)
			.all();
	}

	/** The newest position of the tenant's log, 0 when it is empty. */
	public Mono<Long> latest(Viewer viewer) {
		return this.client.sql("SELECT coalesce(max(seq), 0) AS seq FROM event WHERE tenant_id = :tenant")
			.bind("tenant", viewer.tenantId())
			.map((row) -> row.get("seq", Long.class))
			.one();
	}

	/**
	 * Whether the event is visible in the current transaction (the client lens decides).
	 */
	public Mono<Boolean> visible(Viewer viewer, long seq) {
		return this.client.sql("SELECT EXISTS (SELECT FROM event WHERE tenant_id = :tenant AND seq = :seq) AS visible")
			.bind("tenant", viewer.tenantId())
			.bind("seq", seq)
			.map((row) -> Boolean.TRUE.equals(row.get("visible", Boolean.class)))
			.one();
	}

	/** The position an opaque cursor stands for; 0 (the start) when there is none. */
	public static long position(@Nullable String cursor) {
		String seq = Cursors.decode("event", cursor);
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

	private static Map<String, Object> payload(Readable row) {
		return json.readValue(row.get("payload", String.class), new TypeReference<>() {
		});
	}

	private static PortalEvent event(Readable row) {
		long seq = row.get("seq", Long.class);
		UUID projectId = row.get("project_id", UUID.class);
		String actor = row.get("actor", String.class);
		OffsetDateTime at = row.get("occurred_at", OffsetDateTime.class);
		String type = row.get("type", String.class);
		if (MILESTONE_CHANGED.equals(type)) {
			Map<String, Object> payload = payload(row);
			return new PortalEvent.MilestoneChanged(seq, projectId, row.get("milestone_id", UUID.class), actor, at,
					(String) payload.get("previousStatus"), (String) payload.get("status"),
					(String) payload.get("note"));
		}
		if (DOCUMENT_UNLOCKED.equals(type)) {
			Object milestone = payload(row).get("milestoneId");
			return new PortalEvent.DocumentUnlocked(seq, projectId, row.get("document_id", UUID.class),
					(milestone != null) ? UUID.fromString(milestone.toString()) : null, actor, at);
		}
		return new PortalEvent.ProjectCreated(seq, projectId, actor, at);
	}

}
