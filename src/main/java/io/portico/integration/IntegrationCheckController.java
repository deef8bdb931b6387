package io.portico.integration;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.portico.graphql.Batches;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.tenant.MilestoneKind;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/** {@code recordIntegrationCheck} and the milestone a check reports on. */
@Controller
class IntegrationCheckController {

	private final IntegrationChecks checks;

	private final MilestoneService milestones;

	IntegrationCheckController(IntegrationChecks checks, MilestoneService milestones) {
		this.checks = checks;
		this.milestones = milestones;
	}

	/**
	 * Staff, or an integration's service token (role INTEGRATION, which may do nothing
	 * else).
	 */
	@MutationMapping
	@PreAuthorize("hasAnyRole('ADMIN', 'STAFF', 'INTEGRATION')")
	Mono<IntegrationCheck> recordIntegrationCheck(@Argument RecordCheckInput input) {
		return this.checks.record(input.projectId(), input.name(), input.status(), input.detail(), input.milestoneId());
	}

	/**
	 * The checks an integration milestone's template requires to pass; none for others.
	 */
	@BatchMapping(typeName = "Milestone")
	Mono<Map<Milestone, List<String>>> requiredChecks(List<Milestone> milestones) {
		List<UUID> ids = milestones.stream()
			.filter((m) -> m.kind() == MilestoneKind.INTEGRATION)
			.map(Milestone::id)
			.toList();
		if (ids.isEmpty()) {
			return Mono.just(Batches.byKey(milestones, (m) -> List.of()));
		}
		return this.milestones.kindSettings(ids)
			.map((settings) -> Batches.byKey(milestones,
					(m) -> settings.containsKey(m.id()) ? settings.get(m.id()).requiredChecks() : List.of()));
	}

	@BatchMapping(typeName = "IntegrationCheck", field = "milestone")
	Mono<Map<IntegrationCheck, Milestone>> milestone(List<IntegrationCheck> checks) {
		return this.milestones.of(checks, IntegrationCheck::milestoneId);
	}

	@BatchMapping(typeName = "IntegrationCheckRecorded", field = "milestone")
	Mono<Map<IntegrationCheckRecorded, Milestone>> reportedOn(List<IntegrationCheckRecorded> events) {
		return this.milestones.of(events, IntegrationCheckRecorded::milestoneId);
	}

	record RecordCheckInput(String projectId, String name, CheckStatus status, @Nullable String detail,
			@Nullable String milestoneId) {
	}

}
