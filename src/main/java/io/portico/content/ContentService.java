package io.portico.content;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.content.ContentRepository.Found;
import io.portico.content.SignedUrls.Grant;
import io.portico.database.TenantDatabase;
import io.portico.document.Document;
import io.portico.document.DocumentService;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.shared.Inputs;
import io.portico.shared.Multimaps;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantConfig;
import io.portico.tenant.TenantRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.stereotype.Service;

/**
 * Versions of documents' content: uploaded through signed URLs in one transaction each,
 * read back through signed URLs after the viewer's lens allowed it again, purged by an
 * ADMIN once withdrawn.
 */
@Service
@EnableConfigurationProperties(ContentProperties.class)
public class ContentService {

	private static final Log logger = LogFactory.getLog(ContentService.class);

	private final TenantDatabase database;

	private final ContentRepository repository;

	private final StorageConfiguration.Stores stores;

	private final DocumentService documents;

	private final SignedUrls urls;

	private final EventLog events;

	private final TenantRegistry tenants;

	private final ContentProperties properties;

	private final Clock clock;

	ContentService(TenantDatabase database, ContentRepository repository, StorageConfiguration.Stores stores,
			DocumentService documents, SignedUrls urls, EventLog events, TenantRegistry tenants,
			ContentProperties properties, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.stores = stores;
		this.documents = documents;
		this.urls = urls;
		this.events = events;
		this.tenants = tenants;
		this.properties = properties;
		this.clock = clock;
	}

	@Bean
	static EventKind<DocumentVersionAdded> documentVersionAddedKind() {
		return DocumentVersionAdded.KIND;
	}

	/**
	 * Adds a version from an upload: the document locked (versions are numbered one by
	 * one), the body streamed to storage while it is checked, then the version recorded
	 * as the document's current one. One transaction: refused, failed or cut off, it
	 * leaves nothing.
	 */
	Mono<DocumentVersion> upload(String token, Flux<DataBuffer> body, long contentLength) {
		return this.urls.verify(token, SignedUrls.UPLOAD).flatMap((grant) -> {
			TenantConfig.Documents rules = this.tenants.byId(grant.viewer().tenantId()).config().documents();
			if (contentLength > rules.maxBytes()) {
				return Mono.error(Upload.tooLarge(rules));
			}
			// The transaction ends by itself, committed or rolled back, even when the
			// caller
			// goes away: a cut-off body fails the upload and rolls it back, while a
			// statement
			// cancelled in flight would hand its connection back to the pool
			// mid-protocol.
			return Mono.fromFuture(
					addVersion(grant.viewer(), grant.documentId(), body).onErrorResume(AbortedException.class, (ex) -> {
						// Rolled back; the caller who cut it off is gone and hears
						// nothing.
						logger.debug("Upload to " + grant.documentId() + " cut off by the caller");
						return Mono.empty();
					}).toFuture(), true);
		});
	}

	/**
	 * Adds a version of a document's content from its bytes, as the viewer (an upload, or
	 * the demo's own files), in one transaction of its own.
	 */
	public Mono<DocumentVersion> addVersion(Viewer viewer, UUID documentId, Flux<DataBuffer> body) {
		TenantConfig.Documents rules = this.tenants.byId(viewer.tenantId()).config().documents();
		return this.database.one(viewer,
				() -> this.documents.lock(viewer, documentId)
					.filter((document) -> document.withdrawnAt() == null)
					.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Document", documentId.toString())))
					.flatMap((document) -> store(viewer, document, new Upload(rules, document.name()), body)));
	}

	private Mono<DocumentVersion> store(Viewer viewer, Document document, Upload upload, Flux<DataBuffer> body) {
		return this.repository.nextVersion(viewer, document.id())
			.flatMap((number) -> this.stores.active()
				.write(viewer, document.id(), number, upload.chunks(body))
				.then(Mono.defer(() -> {
					OffsetDateTime now = OffsetDateTime.now(this.clock).truncatedTo(ChronoUnit.MICROS);
					DocumentVersion version = new DocumentVersion(document.id(), number, upload.size(),
							upload.contentType(), upload.sha256(), now, viewer.subject());
					return this.repository.insert(viewer, version, this.stores.active().name())
						.then(this.documents.newVersion(viewer, document.id(), number, version.contentType(),
								version.sizeBytes()))
						.then(this.events.append(viewer,
								new DocumentVersionAdded(PortalEvent.UNASSIGNED, document.projectId(), document.id(),
										number, viewer.subject(), now)))
						.thenReturn(version);
				})));
	}

	/**
	 * A download: the URL checked, then the viewer's lens asked whether it may still read
	 * this version, and its bytes (or a range of them) streamed in a transaction of their
	 * own. A CLIENT's download is recorded on the side.
	 */
	Mono<Download> download(String token) {
		return this.urls.verify(token, SignedUrls.DOWNLOAD)
			.flatMap((grant) -> this.database
				.one(grant.viewer(),
						() -> this.repository.readable(grant.viewer(), grant.documentId(), grant.version()))
				.switchIfEmpty(
						Mono.error(() -> new PorticoException.NotFound("Document", grant.documentId().toString())))
				.map((found) -> new Download(grant, found)));
	}

	/** A download the viewer may make: what it is, and its bytes on demand. */
	final class Download {

		private final Grant grant;

		private final Found found;

		private Download(Grant grant, Found found) {
			this.grant = grant;
			this.found = found;
		}

		DocumentVersion version() {
			return this.found.version();
		}

		String fileName() {
			return this.found.name();
		}

		/** The bytes {@code from..to}, read again under the viewer's lens. */
		Flux<byte[]> bytes(long from, long to) {
			Viewer viewer = this.grant.viewer();
			Flux<byte[]> bytes = (to < from) ? Flux.empty()
					: ContentService.this.database.many(viewer,
							() -> ContentService.this.stores.named(this.found.storage())
								.read(viewer, this.grant.documentId(), this.grant.version(), from, to));
			return bytes.doOnComplete(this::recordReceipt);
		}

		// Never delays or fails the download: written after the bytes, on its own.
		private void recordReceipt() {
			Viewer viewer = this.grant.viewer();
			if (!viewer.isClient()) {
				return;
			}
			ContentService.this.database
				.one(viewer,
						() -> ContentService.this.repository.recordDownload(viewer, this.grant.documentId(),
								this.grant.version(), OffsetDateTime.now(ContentService.this.clock)))
				.subscribe(null, (ex) -> logger.warn("Could not record a download of " + this.grant.documentId(), ex));
		}

	}

	/** A URL the viewer may upload a new version to; staff only, not once withdrawn. */
	Mono<String> uploadUrl(Viewer viewer, Document document) {
		if (!viewer.role().isStaff() || document.withdrawnAt() != null) {
			return Mono.empty();
		}
		return this.urls.mint(SignedUrls.UPLOAD, viewer, document.id(), 0, this.properties.uploadUrlTtl());
	}

	/** A URL the viewer may download this version from, for the next few minutes. */
	Mono<String> downloadUrl(Viewer viewer, UUID documentId, int version) {
		return this.urls.mint(SignedUrls.DOWNLOAD, viewer, documentId, version, this.properties.downloadUrlTtl());
	}

	Mono<Map<UUID, List<DocumentVersion>>> versions(Collection<UUID> documentIds) {
		return this.database.forCurrentViewer(
				(viewer) -> this.repository.versions(viewer, documentIds).collectMultimap(DocumentVersion::documentId))
			.map(Multimaps::lists);
	}

	/** Each document's read receipts, newest first; none for a CLIENT. */
	Mono<Map<UUID, List<DocumentDownload>>> downloads(Collection<UUID> documentIds) {
		return this.database
			.forCurrentViewer((viewer) -> viewer.isClient() ? Mono.just(Map.<UUID, Collection<DocumentDownload>>of())
					: this.repository.downloads(viewer, documentIds).collectMultimap(DocumentDownload::documentId))
			.map(Multimaps::lists);
	}

	/**
	 * Removes a withdrawn document's bytes from storage (ADMIN only); its versions stay
	 * listed for the audit trail.
	 */
	Mono<Boolean> purge(String id) {
		UUID uuid = Inputs.id("id", id);
		return this.database.forCurrentViewer((viewer) -> this.documents.lock(viewer, uuid)
			.switchIfEmpty(Mono.error(() -> new PorticoException.NotFound("Document", id)))
			.flatMap((document) -> {
				if (document.withdrawnAt() == null) {
					return Mono.error(new PorticoException.Conflict("NOT_WITHDRAWN",
							"Withdraw the document (withdrawDocument) before purging its bytes", Map.of()));
				}
				return Flux.fromIterable(this.stores.byName().values())
					.concatMap((store) -> store.purge(viewer, uuid))
					.then()
					.then(this.documents.markPurged(viewer, uuid, OffsetDateTime.now(this.clock)))
					.thenReturn(true);
			}));
	}

}
