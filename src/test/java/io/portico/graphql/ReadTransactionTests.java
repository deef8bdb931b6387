package io.portico.graphql;

import java.util.function.LongSupplier;
import java.util.stream.LongStream;

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
		long scopes = fewest(() -> {
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

	// The event bus reads the log in the background, in transactions of its own; the
	// fewest of a few runs is the request's own count. (Mutations wake the bus, which is
	// why this counts queries only.)
	private long fewest(Runnable request) {
		LongSupplier once = () -> {
			long before = this.statements.scopes();
			request.run();
			return this.statements.scopes() - before;
		};
		return LongStream.range(0, 3).map((run) -> once.getAsLong()).min().orElseThrow();
	}

}
