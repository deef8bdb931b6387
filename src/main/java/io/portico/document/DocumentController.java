package io.portico.document;

import java.util.List;
import java.util.Map;

import io.portico.graphql.Batches;
import io.portico.live.LiveEvents;
import io.portico.live.LiveShare;
import io.portico.shared.StaffOnly;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/** Documents, the document of each unlock event, and unlocks as they happen. */
@Controller
class DocumentController {

	private final DocumentService documents;

	private final LiveEvents live;

	DocumentController(DocumentService documents, LiveEvents live) {
		this.documents = documents;
		this.live = live;
	}

	@SubscriptionMapping
	Flux<DocumentUnlocked> documentUnlocked(@Argument @Nullable String projectId,
			@ContextValue(name = LiveShare.CONTEXT_KEY, required = false) @Nullable LiveShare share) {
		return this.live.stream(projectId, null, share, DocumentUnlocked.class);
	}

	@QueryMapping
	Mono<Document> document(@Argument String id) {
		return this.documents.document(id);
	}

	@MutationMapping
	@StaffOnly
	Mono<Document> attachDocument(@Argument AttachDocumentInput input) {
		return this.documents.attach(input.projectId(), input.milestoneId(), input.name(), input.kind(),
				input.contentType(), input.sizeBytes());
	}

	@BatchMapping(typeName = "DocumentUnlocked", field = "document")
	Mono<Map<DocumentUnlocked, Document>> unlockedDocument(List<DocumentUnlocked> events) {
		return this.documents.byIds(events.stream().map(DocumentUnlocked::documentId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.documentId())));
	}

	record AttachDocumentInput(String projectId, @Nullable String milestoneId, String name, @Nullable String kind,
			@Nullable String contentType, @Nullable Integer sizeBytes) {
	}

}
