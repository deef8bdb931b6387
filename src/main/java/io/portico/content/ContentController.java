package io.portico.content;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.document.Document;
import io.portico.document.DocumentService;
import io.portico.document.DocumentWithdrawn;
import io.portico.graphql.Batches;
import io.portico.shared.CurrentViewer;
import io.portico.shared.StaffOnly;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** Content fields of documents, their versions and downloads, and their lifecycle. */
@Controller
class ContentController {

	private final ContentService content;

	private final DocumentService documents;

	ContentController(ContentService content, DocumentService documents) {
		this.content = content;
		this.documents = documents;
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

	@BatchMapping(typeName = "Document", field = "versions")
	Mono<Map<Document, List<DocumentVersion>>> versions(List<Document> documents) {
		return this.content.versions(ids(documents))
			.map((found) -> Batches.byKey(documents, (d) -> found.getOrDefault(d.id(), List.of())));
	}

	@BatchMapping(typeName = "Document", field = "sha256")
	Mono<Map<Document, String>> sha256(List<Document> documents) {
		return this.content.versions(ids(documents))
			.map((found) -> Batches.byKey(documents,
					(d) -> found.getOrDefault(d.id(), List.of())
						.stream()
						.filter((v) -> d.currentVersion() != null && v.number() == d.currentVersion())
						.map(DocumentVersion::sha256)
						.findFirst()
						.orElse(null)));
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
