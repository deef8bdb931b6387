package io.portico.inspection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneAction;
import io.portico.milestone.MilestoneGuard;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import io.portico.tenant.MilestoneKind;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * An inspection milestone whose latest result is FAILED does not complete: the failure
 * stands until a passing re-inspection is recorded.
 */
@Component
@Order(100)
class FailedInspectionGuard implements MilestoneGuard {

	private final InspectionRepository repository;

	FailedInspectionGuard(InspectionRepository repository) {
		this.repository = repository;
	}

	@Override
	public Mono<Void> check(MilestoneAction action, Viewer viewer, Milestone milestone) {
		if (!action.completes() || milestone.kind() != MilestoneKind.INSPECTION) {
			return Mono.empty();
		}
		return this.repository.latest(viewer, List.of(milestone.id()))
			.next()
			.filter((latest) -> latest.result() == InspectionResult.FAILED)
			.flatMap((failed) -> {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("milestoneId", milestone.id().toString());
				if (failed.authority() != null) {
					details.put("authority", failed.authority());
				}
				if (failed.inspectedOn() != null) {
					details.put("inspectedOn", failed.inspectedOn().toString());
				}
				return Mono.error(new PorticoException.Conflict("INSPECTION_FAILED",
						"The inspection" + ((failed.authority() != null) ? " by " + failed.authority() : "") + " failed"
								+ ((failed.inspectedOn() != null) ? " on " + failed.inspectedOn() : "")
								+ "; record a passing re-inspection before completing '" + milestone.name() + "'",
						details));
			});
	}

}
