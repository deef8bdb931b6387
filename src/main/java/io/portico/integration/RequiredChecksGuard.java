package io.portico.integration;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.portico.milestone.KindSettings;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneAction;
import io.portico.milestone.MilestoneGuard;
import io.portico.milestone.MilestoneService;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.MilestoneKind;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An integration milestone completes only while every check its template requires is
 * passing; a check never reported counts as PENDING.
 */
@Component
@Order(300)
class RequiredChecksGuard implements MilestoneGuard {

	private final MilestoneService milestones;

	private final IntegrationCheckRepository repository;

	RequiredChecksGuard(MilestoneService milestones, IntegrationCheckRepository repository) {
		this.milestones = milestones;
		this.repository = repository;
	}

	@Override
	public Mono<Void> check(MilestoneAction action, Viewer viewer, Milestone milestone) {
		if (!action.completes() || milestone.kind() != MilestoneKind.INTEGRATION) {
			return Mono.empty();
		}
		return this.milestones.kindSettings(List.of(milestone.id()))
			.mapNotNull((settings) -> settings.get(milestone.id()))
			.map(KindSettings::requiredChecks)
			.filter((required) -> !required.isEmpty())
			.flatMap((required) -> this.repository.holdChecks(viewer, milestone.projectId())
				.then(this.repository.latest(viewer, List.of(milestone.projectId()))
					.collectMap(IntegrationCheck::name, Function.identity()))
				.flatMap((latest) -> {
					Map<String, String> notPassing = required.stream()
						.filter((name) -> latest.get(name) == null || latest.get(name).status() != CheckStatus.PASSING)
						.collect(Collectors.toMap(
								Function.identity(), (name) -> (latest.get(name) != null)
										? latest.get(name).status().name() : CheckStatus.PENDING.name(),
								(a, b) -> a, java.util.LinkedHashMap::new));
					if (notPassing.isEmpty()) {
						return Mono.empty();
					}
					return Mono.error(new PorticoException.Conflict("CHECKS_NOT_PASSING",
							"'" + milestone.name() + "' completes once its checks pass; not passing: "
									+ String.join(", ", notPassing.keySet()),
							Map.of("checks",
									notPassing.entrySet()
										.stream()
										.map((e) -> Map.of("name", e.getKey(), "status", e.getValue()))
										.toList())));
				}));
	}

}
