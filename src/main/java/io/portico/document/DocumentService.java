package io.portico.document;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.portico.database.TenantDatabase;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.shared.Inputs;
import io.portico.shared.Multimaps;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Documents: reading them in batches as the viewer may see them, attaching them to a
 * project (optionally locked behind a milestone), and unlocking them when that milestone
 * completes. Unlocking records a {@code DocumentUnlocked} event in the same transaction,
 * which is what pushes the document to open portals.
 */
@Service
public class DocumentService {

	private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private static final Pattern CONTENT_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+");

	private final TenantDatabase database;

	private final DocumentRepository repository;

	private final EventLog events;

	private final Clock clock;

	DocumentService(TenantDatabase database, DocumentRepository repository, EventLog events, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.clock = clock;
	}

	/** The document, or empty when it does not exist or the viewer may not see it. */
	public Mono<Document> document(String id) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, List.of(uuid)).next());
	}

	public Mono<Map<UUID, Document>> byIds(Collection<UUID> ids) {
		return this.database.forCurrentViewer((viewer) -> this.repository.byIds(viewer, ids).collectMap(Document::id));
	}

	/** Each project's documents the viewer may see, oldest first. */
	public Mono<Map<UUID, List<Document>>> byProjects(Collection<UUID> projectIds) {
		return this.database
			.forCurrentViewer(
					(viewer) -> this.repository.byProjects(viewer, projectIds).collectMultimap(Document::projectId))
			.map(Multimaps::lists);
	}

	/** The documents each milestone unlocks, as far as the viewer may see them. */
	public Mono<Map<UUID, List<Document>>> byMilestones(Collection<UUID> milestoneIds) {
		return this.database
			.forCurrentViewer((viewer) -> this.repository.byMilestones(viewer, milestoneIds)
				.collectMultimap((document) -> java.util.Objects.requireNonNull(document.milestoneId())))
			.map(Multimaps::lists);
	}

	/**
	 * Unlocks the documents of a milestone that has just completed and records each
	 * unlock; call inside the transaction that completed it.
	 */
	public Mono<Void> unlock(Viewer viewer, UUID milestoneId) {
		return this.repository.unlock(milestoneId, OffsetDateTime.now(this.clock))
			.concatMap(
					(unlocked) -> this.events.append(viewer, unlocked(viewer, unlocked[1], unlocked[0], milestoneId)))
			.then();
	}

	/**
	 * Attaches a document to a project, for staff. Tied to a milestone that is not yet
	 * complete, it stays locked for clients until that milestone completes; otherwise it
	 * is shared at once, and open portals are told.
	 */
	public Mono<Document> attach(String projectId, @Nullable String milestoneId, String name, @Nullable String kind,
			@Nullable String contentType, @Nullable Integer sizeBytes) {
		UUID project = Inputs.id("projectId", projectId);
		UUID milestone = (milestoneId != null) ? Inputs.id("milestoneId", milestoneId) : null;
		String checkedName = Inputs.name("name", name);
		if (kind != null && !KIND.matcher(kind).matches()) {
			throw new PorticoException.Invalid("INVALID_KIND",
					"'kind' is lower-case letters, digits and dashes, like inspection-report", "kind");
		}
		if (contentType != null && !CONTENT_TYPE.matcher(contentType).matches()) {
			throw new PorticoException.Invalid("INVALID_CONTENT_TYPE",
					"'contentType' is a media type like " + "application/pdf", "contentType");
		}
		if (sizeBytes != null && sizeBytes < 0) {
			throw new PorticoException.Invalid("INVALID_SIZE", "'sizeBytes' must not be negative", "sizeBytes");
		}
		return this.database.forCurrentViewer((viewer) -> {
			return this.repository.owner(viewer, project, milestone).flatMap((owner) -> {
				OffsetDateTime now = OffsetDateTime.now(this.clock);
				boolean shared = milestone == null || owner.milestoneCompleted();
				Document document = new Document(UUID.randomUUID(), project, milestone, checkedName, kind, contentType,
						(sizeBytes != null) ? sizeBytes.longValue() : null, shared ? now : null, null, null);
				Mono<Document> inserted = this.repository.insert(viewer, document);
				return shared ? inserted.flatMap(
						(d) -> this.events.append(viewer, unlocked(viewer, project, d.id(), milestone)).thenReturn(d))
						: inserted;
			});
		});
	}

	private DocumentUnlocked unlocked(Viewer viewer, UUID projectId, UUID documentId, @Nullable UUID milestoneId) {
		return new DocumentUnlocked(PortalEvent.UNASSIGNED, projectId, documentId, milestoneId, viewer.subject(),
				OffsetDateTime.now(this.clock));
	}

	/** The document feature records unlocks in the log. */
	@Bean
	static EventKind<DocumentWithdrawn> documentWithdrawnKind() {
		return DocumentWithdrawn.KIND;
	}

	/**
	 * Withdraws a document (staff only): clients no longer see it and its URLs stop
	 * working; its bytes stay until an ADMIN purges them.
	 */
	public Mono<Document> withdraw(String id, @Nullable String reason) {
		UUID uuid = Inputs.id("id", id);
		String checkedReason = Inputs.text("reason", reason);
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		return this.database.forCurrentViewer((viewer) -> this.repository.lock(viewer, uuid)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Document", id)))
			.flatMap((document) -> {
				if (document.withdrawnAt() != null) {
					return Mono
						.error(new PorticoException.Conflict("INVALID_TRANSITION", "The document is already withdrawn",
								Map.of("withdrawnAt", document.withdrawnAt().toString())));
				}
				return this.repository.withdraw(viewer, uuid, now, checkedReason)
					.then(this.events.append(viewer,
							new DocumentWithdrawn(PortalEvent.UNASSIGNED, document.projectId(), uuid, checkedReason,
									viewer.subject(), now)))
					.then(this.repository.byIds(viewer, List.of(uuid)).next());
			}));
	}

	/**
	 * The document, locked for the rest of the caller's transaction (an upload adds a
	 * version under this lock, so versions of one document are numbered one by one).
	 */
	public Mono<Document> lock(Viewer viewer, UUID id) {
		return this.repository.lock(viewer, id);
	}

	/**
	 * Makes a new version the document's current one, inside the caller's transaction.
	 */
	public Mono<Void> newVersion(Viewer viewer, UUID id, int version, String contentType, long size) {
		return this.repository.newVersion(viewer, id, version, contentType, size);
	}

	/** Records that a withdrawn document's bytes were purged. */
	public Mono<Void> markPurged(Viewer viewer, UUID id, OffsetDateTime at) {
		return this.repository.markPurged(viewer, id, at);
	}

	@Bean
	static EventKind<DocumentUnlocked> documentUnlockedKind() {
		return DocumentUnlocked.KIND;
	}

}
