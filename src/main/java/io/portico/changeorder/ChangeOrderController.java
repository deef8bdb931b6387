package io.portico.changeorder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.portico.billing.Invoice;
import io.portico.graphql.Batches;
import io.portico.milestone.Milestone;
import io.portico.milestone.MilestoneService;
import io.portico.project.Project;
import io.portico.project.Project.Money;
import io.portico.project.ProjectService;
import io.portico.shared.StaffOnly;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Change orders, and the fields of other types that point at them. */
@Controller
class ChangeOrderController {

	private final ChangeOrderService changeOrders;

	private final ProjectService projects;

	private final MilestoneService milestones;

	ChangeOrderController(ChangeOrderService changeOrders, ProjectService projects, MilestoneService milestones) {
		this.changeOrders = changeOrders;
		this.projects = projects;
		this.milestones = milestones;
	}

	@QueryMapping
	Mono<ChangeOrder> changeOrder(@Argument String id) {
		return this.changeOrders.changeOrder(id);
	}

	@MutationMapping
	@StaffOnly
	Mono<ChangeOrder> proposeChangeOrder(@Argument ProposeChangeOrderInput input) {
		return this.changeOrders.propose(new ChangeOrderService.Proposal(input.projectId(), input.title(),
				input.description(), input.costImpact(), input.scheduleImpactDays(), input.milestoneId(),
				input.newAcceptanceCriteria(), input.revisionRounds()));
	}

	@MutationMapping
	Mono<ChangeOrder> approveChangeOrder(@Argument String id, @Argument @Nullable Integer expectedVersion,
			@Argument @Nullable String note) {
		return this.changeOrders.approve(id, expectedVersion, note);
	}

	@MutationMapping
	Mono<ChangeOrder> rejectChangeOrder(@Argument String id, @Argument @Nullable Integer expectedVersion,
			@Argument String reason) {
		return this.changeOrders.reject(id, expectedVersion, reason);
	}

	@MutationMapping
	@StaffOnly
	Mono<ChangeOrder> withdrawChangeOrder(@Argument String id, @Argument @Nullable Integer expectedVersion) {
		return this.changeOrders.withdraw(id, expectedVersion);
	}

	@SchemaMapping(typeName = "ChangeOrder")
	@Nullable Money costImpact(ChangeOrder order) {
		return (order.costImpact() != null) ? new Money(order.costImpact(), order.currency()) : null;
	}

	@BatchMapping(typeName = "ChangeOrder", field = "project")
	Mono<Map<ChangeOrder, Project>> changeOrderProject(List<ChangeOrder> orders) {
		return this.projects.byIds(orders.stream().map(ChangeOrder::projectId).distinct().toList())
			.map((found) -> Batches.byKey(orders, (o) -> found.get(o.projectId())));
	}

	@BatchMapping(typeName = "ChangeOrder", field = "milestone")
	Mono<Map<ChangeOrder, Milestone>> changeOrderMilestone(List<ChangeOrder> orders) {
		return this.milestones
			.byIds(orders.stream().map(ChangeOrder::milestoneId).filter(Objects::nonNull).distinct().toList())
			.map((found) -> Batches.byKey(orders,
					(o) -> (o.milestoneId() != null) ? found.get(o.milestoneId()) : null));
	}

	@BatchMapping(typeName = "Project", field = "changeOrders")
	Mono<Map<Project, List<ChangeOrder>>> projectChangeOrders(List<Project> projects) {
		return this.changeOrders.byProjects(projects.stream().map(Project::id).toList())
			.map((found) -> Batches.byKey(projects, (p) -> found.getOrDefault(p.id(), List.of())));
	}

	@BatchMapping(typeName = "Invoice", field = "changeOrder")
	Mono<Map<Invoice, ChangeOrder>> invoiceChangeOrder(List<Invoice> invoices) {
		return this.changeOrders
			.byIds(invoices.stream().map(Invoice::changeOrderId).filter(Objects::nonNull).distinct().toList())
			.map((found) -> Batches.byKey(invoices,
					(i) -> (i.changeOrderId() != null) ? found.get(i.changeOrderId()) : null));
	}

	@BatchMapping(typeName = "ChangeOrderProposed", field = "changeOrder")
	Mono<Map<ChangeOrderProposed, ChangeOrder>> proposed(List<ChangeOrderProposed> events) {
		return this.changeOrders.byIds(events.stream().map(ChangeOrderProposed::changeOrderId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.changeOrderId())));
	}

	@BatchMapping(typeName = "ChangeOrderDecided", field = "changeOrder")
	Mono<Map<ChangeOrderDecided, ChangeOrder>> decided(List<ChangeOrderDecided> events) {
		return this.changeOrders.byIds(events.stream().map(ChangeOrderDecided::changeOrderId).distinct().toList())
			.map((found) -> Batches.byKey(events, (e) -> found.get(e.changeOrderId())));
	}

	record ProposeChangeOrderInput(String projectId, String title, @Nullable String description,
			@Nullable BigDecimal costImpact, @Nullable Integer scheduleImpactDays, @Nullable String milestoneId,
			@Nullable List<String> newAcceptanceCriteria, @Nullable Integer revisionRounds) {
	}

}
