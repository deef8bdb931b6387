package io.portico.inspection;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.database.TenantDatabase;
import io.portico.document.DocumentService;
import io.portico.event.EventKind;
import io.portico.event.EventLog;
import io.portico.event.PortalEvent;
import io.portico.milestone.KindSettings;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.shared.Inputs;
import io.portico.shared.Multimaps;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.MilestoneKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;

/**
 * Inspections: staff record each result of an inspection milestone, never rewriting one,
 * and the latest is the milestone's result. A failed one keeps the milestone from
 * completing ({@link FailedInspectionGuard}).
 */
@Service
public class InspectionService {

	private final TenantDatabase database;

	private final InspectionRepository repository;

	private final EventLog events;

	private final MilestoneService milestones;

	private final DocumentService documents;

	private final Clock clock;

	InspectionService(TenantDatabase database, InspectionRepository repository, EventLog events,
			MilestoneService milestones, DocumentService documents, Clock clock) {
		this.database = database;
		this.repository = repository;
		this.events = events;
		this.milestones = milestones;
		this.documents = documents;
		this.clock = clock;
	}

	/** The inspection feature records results in the log. */
	@Bean
	static EventKind<InspectionRecorded> inspectionRecordedKind() {
		return InspectionRecorded.KIND;
	}

	/**
	 * Each inspection milestone's result as the viewer sees it: its latest record, or
	 * NOT_SCHEDULED with the template's authority when nothing is recorded. Two
	 * statements for any number of milestones.
	 */
	public Mono<Map<UUID, Inspection>> current(Collection<Milestone> milestones) {
		List<Milestone> inspections = milestones.stream().filter((m) -> m.kind() == MilestoneKind.INSPECTION).toList();
		if (inspections.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<UUID> ids = inspections.stream().map(Milestone::id).toList();
		return Mono.zip(latest(ids), this.milestones.kindSettings(ids)).map((loaded) -> {
			Map<UUID, Inspection> current = new HashMap<>();
			for (Milestone milestone : inspections) {
				Inspection latest = loaded.getT1().get(milestone.id());
				KindSettings settings = loaded.getT2().get(milestone.id());
				current.put(milestone.id(), (latest != null) ? latest : Inspection.notScheduled(milestone.projectId(),
						milestone.id(), (settings != null) ? settings.authority() : null));
			}
			return current;
		});
	}

	public Mono<Map<UUID, Inspection>> latest(Collection<UUID> milestoneIds) {
		return this.database.forCurrentViewer(
				(viewer) -> this.repository.latest(viewer, milestoneIds).collectMap(Inspection::milestoneId));
	}

	/** Every record of each milestone, oldest first. */
	public Mono<Map<UUID, List<Inspection>>> history(Collection<UUID> milestoneIds) {
		return this.database
			.forCurrentViewer(
					(viewer) -> this.repository.history(viewer, milestoneIds).collectMultimap(Inspection::milestoneId))
			.map(Multimaps::lists);
	}

	/**
	 * Records a result of an inspection milestone that is not completed, with its event,
	 * in one transaction. The authority defaults to the template's.
	 */
	public Mono<Inspection> record(String milestoneId, @Nullable String authority, InspectionResult result,
			@Nullable LocalDate inspectedOn, @Nullable String reportDocumentId) {
		UUID id = Inputs.id("milestoneId", milestoneId);
		String checkedAuthority = Inputs.optionalName("authority", authority);
		UUID report = (reportDocumentId != null) ? Inputs.id("reportDocumentId", reportDocumentId) : null;
		LocalDate on = Inputs.date("inspectedOn", inspectedOn);
		if (result == InspectionResult.NOT_SCHEDULED) {
			throw new PorticoException.Invalid("INVALID_RESULT",
					"NOT_SCHEDULED is what a view shows before anything is recorded; record SCHEDULED, PASSED or FAILED",
					"result");
		}
		if (result != InspectionResult.SCHEDULED && on != null && on.isAfter(LocalDate.now(this.clock))) {
			throw new PorticoException.Invalid("DATE_IN_FUTURE",
					"A " + result + " inspection is dated today or earlier; record SCHEDULED for one that is booked",
					"inspectedOn");
		}
		return this.database
			.forCurrentViewer((viewer) -> this.milestones.lockForRecord(viewer, id).flatMap((milestone) -> {
				if (milestone.kind() != MilestoneKind.INSPECTION) {
					return Mono.error(new PorticoException.Invalid("NOT_AN_INSPECTION",
							"'" + milestone.name() + "' is not an inspection milestone", "milestoneId"));
				}
				if (milestone.completed()) {
					return Mono.error(new PorticoException.Conflict("ALREADY_COMPLETED",
							"'" + milestone.name() + "' is completed; its inspections are final",
							Map.of("milestoneId", milestoneId)));
				}
				return reportOf(milestone, report).then(this.milestones.kindSettings(List.of(id)))
					.flatMap((settings) -> {
						String by = (checkedAuthority != null) ? checkedAuthority
								: (settings.containsKey(id) ? settings.get(id).authority() : null);
						Inspection inspection = new Inspection(UUID.randomUUID(), milestone.projectId(), id, by, result,
								on, report, viewer.subject(), null);
						return this.repository.insert(viewer, inspection);
					})
					.flatMap((recorded) -> this.events.append(viewer, recorded(viewer, recorded)).thenReturn(recorded));
			}));
	}

	/** The report must be a document of the milestone's project. */
	private Mono<Void> reportOf(Milestone milestone, @Nullable UUID report) {
		if (report == null) {
			return Mono.empty();
		}
		return this.documents.byIds(List.of(report)).flatMap((found) -> {
			if (!found.containsKey(report) || !found.get(report).projectId().equals(milestone.projectId())) {
				return Mono.error(new PorticoException.NotFound("Document", report.toString()));
			}
			return Mono.empty();
		});
	}

	private InspectionRecorded recorded(Viewer viewer, Inspection inspection) {
		return new InspectionRecorded(PortalEvent.UNASSIGNED, inspection.projectId(), inspection.id(),
				inspection.milestoneId(), inspection.result(), inspection.inspectedOn(), viewer.subject(),
				OffsetDateTime.now(this.clock));
	}

}
