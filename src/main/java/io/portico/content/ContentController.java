package io.portico.content;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.portico.document.Document;
import io.portico.document.DocumentService;
import io.portico.document.DocumentWithdrawn;
import io.portico.graphql.Batches;
import io.portico.shared.CurrentViewer;
import io.portico.shared.StaffOnly;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Content fields of documents, their versions and downloads, and their lifecycle. */
@Controller
class ContentController {

	private final ContentService content;

	private final DocumentService documents;

	ContentController(ContentService content, DocumentService documents, BatchLoaderRegistry loaders) {
		this.content = content;
		this.documents = documents;
		loaders.<UUID, List<DocumentVersion>>forName(VERSIONS)
			.withOptions((options) -> options.setCachingEnabled(false))
			.registerMappedBatchLoader(
					(ids, environment) -> this.content.versions(ids).map((found) -> fill(ids, found)));
	}

	/**
	 * Named as Spring for GraphQL names the loader of a DataLoader<UUID, List<...>>
	 * argument.
	 */
	private static final String VERSIONS = List.class.getName();

	private static Map<UUID, List<DocumentVersion>> fill(java.util.Set<UUID> ids,
			Map<UUID, List<DocumentVersion>> found) {
		Map<UUID, List<DocumentVersion>> all = new java.util.HashMap<>(found);
		ids.forEach((id) -> all.putIfAbsent(id, List.of()));
		return all;
	}

	@SchemaMapping(typeName = "Document")
	Mono<String> uploadUrl(Document document) {
		return CurrentViewer.get().flatMap((viewer) -> this.content.uploadUrl(viewer, document));
	}

	@SchemaMapping(typeName = "Document")
	Mono<String> downloadUrl(Document document) {
		if (document.currentVersion() == null || document.withdrawnAt() != null) {
			return Mono.empty();
		}
		return CurrentViewer.get()
			.flatMap((viewer) -> this.content.downloadUrl(viewer, document.id(), document.currentVersion()));
	}

	// The versions and the digest of a document come from one batch of versions a
	// level, whichever of the two a query selects. Not cached beyond the batch: a
	// subscription keeps its DataLoaders for all its events.
	@SchemaMapping(typeName = "Document")
	CompletableFuture<List<DocumentVersion>> versions(Document document,
			DataLoader<UUID, List<DocumentVersion>> versions) {
		return versions.load(document.id());
	}

	@SchemaMapping(typeName = "Document")
	CompletableFuture<@Nullable String> sha256(Document document, DataFetchingEnvironment environment) {
		return versionsOf(document, environment).thenApply((found) -> found.stream()
			.filter((v) -> document.currentVersion() != null && v.number() == document.currentVersion())
			.map(DocumentVersion::sha256)
			.findFirst()
			.orElse(null));
	}

	private static CompletableFuture<List<DocumentVersion>> versionsOf(Document document,
			DataFetchingEnvironment environment) {
		DataLoader<UUID, List<DocumentVersion>> loader = environment.getDataLoader(VERSIONS);
		return loader.load(document.id());
	}

	@BatchMapping(typeName = "Document", field = "downloads")
	Mono<Map<Document, List<DocumentDownload>>> downloads(List<Document> documents) {
		return this.content.downloads(ids(documents))
			.map((found) -> Batches.byKey(documents, (d) -> found.getOrDefault(d.id(), List.of())));
	}

	@SchemaMapping(typeName = "DocumentVersion")
	Mono<String> downloadUrl(DocumentVersion version) {
		return CurrentViewer.get()
			.flatMap((viewer) -> this.content.downloadUrl(viewer, version.documentId(), version.number()));
	}

	@MutationMapping
	@StaffOnly
	Mono<Document> withdrawDocument(@Argument String id, @Argument @Nullable String reason) {
		return this.documents.withdraw(id, reason);
	}

	@MutationMapping
	@PreAuthorize("hasRole('ADMIN')")
	Mono<Boolean> purgeDocument(@Argument String id) {
		return this.content.purge(id);
	}

	@BatchMapping(typeName = "DocumentVersionAdded", field = "document")
	Mono<Map<DocumentVersionAdded, Document>> versionAdded(List<DocumentVersionAdded> events) {
		return this.documents.byIds(events.stream().map(DocumentVersionAdded::documentId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.documentId())));
	}

	@BatchMapping(typeName = "DocumentWithdrawn", field = "document")
	Mono<Map<DocumentWithdrawn, Document>> withdrawn(List<DocumentWithdrawn> events) {
		return this.documents.byIds(events.stream().map(DocumentWithdrawn::documentId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.documentId())));
	}

	private static List<UUID> ids(List<Document> documents) {
		return documents.stream().map(Document::id).distinct().toList();
	}

}
