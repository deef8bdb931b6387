package io.portico.inspection;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.portico.document.Document;
import io.portico.document.DocumentService;
import io.portico.graphql.Batches;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.shared.StaffOnly;
import io.portico.tenant.MilestoneKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code recordInspection}, {@code Milestone.inspections} and the fields of an
 * inspection.
 */
@Controller
class InspectionController {

	private final InspectionService inspections;

	private final MilestoneService milestones;

	private final DocumentService documents;

	InspectionController(InspectionService inspections, MilestoneService milestones, DocumentService documents) {
		this.inspections = inspections;
		this.milestones = milestones;
		this.documents = documents;
	}

	@MutationMapping
	@StaffOnly
	Mono<Inspection> recordInspection(@Argument RecordInspectionInput input) {
		return this.inspections.record(input.milestoneId(), input.authority(), input.result(), input.inspectedOn(),
				input.reportDocumentId());
	}

	@BatchMapping(typeName = "Milestone")
	Mono<Map<Milestone, List<Inspection>>> inspections(List<Milestone> milestones) {
		List<UUID> ids = milestones.stream()
			.filter((m) -> m.kind() == MilestoneKind.INSPECTION)
			.map(Milestone::id)
			.toList();
		if (ids.isEmpty()) {
			return Mono.just(Batches.byKey(milestones, (m) -> List.of()));
		}
		return this.inspections.history(ids)
			.map((found) -> Batches.byKey(milestones, (m) -> found.getOrDefault(m.id(), List.of())));
	}

	@BatchMapping(typeName = "Inspection", field = "milestone")
	Mono<Map<Inspection, Milestone>> milestone(List<Inspection> inspections) {
		return this.milestones.of(inspections, Inspection::milestoneId);
	}

	/** The report, once the viewer may read it (the document rules decide). */
	@BatchMapping(typeName = "Inspection", field = "report")
	Mono<Map<Inspection, Document>> report(List<Inspection> inspections) {
		List<UUID> ids = inspections.stream()
			.map(Inspection::reportDocumentId)
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.documents.byIds(ids)
			.map((found) -> Batches.byKey(inspections,
					(i) -> (i.reportDocumentId() != null) ? found.get(i.reportDocumentId()) : null));
	}

	@BatchMapping(typeName = "InspectionRecorded", field = "milestone")
	Mono<Map<InspectionRecorded, Milestone>> inspected(List<InspectionRecorded> events) {
		return this.milestones.of(events, InspectionRecorded::milestoneId);
	}

	record RecordInspectionInput(String milestoneId, @Nullable String authority, InspectionResult result,
			@Nullable LocalDate inspectedOn, @Nullable String reportDocumentId) {
	}

}
