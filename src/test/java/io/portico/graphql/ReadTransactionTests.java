package io.portico.graphql;

import io.portico.PorticoTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A query reads in one transaction, however many batches its answer takes. */
class ReadTransactionTests extends PorticoTest {

	@Test
	void aQueryWithNestedBatchesReadsInOneTransaction() {
		String account = newClientAccount(BUILDER);
		newProject(BUILDER, account, "custom-home");
		newProject(BUILDER, account, "custom-home");

		// projects, activity, milestones, their dependencies and criteria: five batches.
		long scopes = fewestScopes(() -> {
			client(BUILDER, account).documentName("projectsDeep")
				.variable("first", 10)
				.execute()
				.path("projects.edges")
				.entityList(Object.class)
				.hasSize(2)
				.path("projects.edges[0].node.milestones[2].dependsOn")
				.entityList(Object.class)
				.hasSize(1);
		});

		assertThat(scopes).isEqualTo(1);
	}

}
