package io.portico.sqlread;

import java.util.List;
import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import io.portico.graphql.ParsedDocuments;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Declarations the schema does not bear out stop the service at start: a column whose
 * field has a resolver (its SQL would skip the resolver's logic), a scalar whose JSON
 * PostgreSQL writes differently, a list of undeclared rows.
 */
class SqlDeclarationTests {

	private static final String SDL = """
			scalar Date
			scalar DateTime
			type Query { projects: ProjectConnection! }
			type ProjectConnection { edges: [ProjectEdge!]! }
			type ProjectEdge { cursor: String! node: Project! }
			type Project { id: ID! name: String! startDate: Date createdAt: DateTime milestones: [Milestone!]! }
			type Milestone { id: ID! }
			""";

	@Test
	void declarationsTheSchemaBearsOutStart() {
		assertThatNoException().isThrownBy(() -> start(null, (schema) -> {
			schema.table("Project", "project")
				.column("id", "id")
				.column("name", "name")
				.column("startDate", "start_date");
			schema.table("Milestone", "milestone").column("id", "id");
			schema.list("Project", "milestones", "Milestone", "project_id", "position");
			schema.connection("projects", new Projects());
		}));
	}

	@Test
	void aColumnWhoseFieldHasAResolverStopsTheService() {
		assertThatIllegalStateException()
			.isThrownBy(() -> start((environment) -> "computed",
					(schema) -> schema.table("Project", "project").column("name", "name")))
			.withMessageContaining("Project.name has a resolver");
	}

	@Test
	void aTimestampColumnStopsTheService() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> start(null, (schema) -> schema.table("Project", "project").column("createdAt", "created_at")))
			.withMessageContaining("Project.createdAt is not a scalar PostgreSQL writes as graphql-java does");
	}

	@Test
	void aListOfUndeclaredRowsStopsTheService() {
		assertThatIllegalStateException().isThrownBy(() -> start(null, (schema) -> {
			schema.table("Project", "project").column("id", "id");
			schema.list("Project", "milestones", "Milestone", "project_id", "position");
		})).withMessageContaining("Project.milestones is not a list of declared rows");
	}

	@Test
	void anUnknownFieldStopsTheService() {
		assertThatIllegalStateException()
			.isThrownBy(() -> start(null, (schema) -> schema.table("Project", "project").column("title", "title")))
			.withMessageContaining("Project.title is not a field");
	}

	private static void start(@Nullable DataFetcher<?> nameResolver, SqlReadable feature) {
		TypeRuntimeWiring.Builder project = TypeRuntimeWiring.newTypeWiring("Project");
		if (nameResolver != null) {
			project.dataFetcher("name", nameResolver);
		}
		GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SDL),
				RuntimeWiring.newRuntimeWiring()
					.scalar(graphql.scalars.ExtendedScalars.Date)
					.scalar(graphql.scalars.ExtendedScalars.DateTime)
					.type(project)
					.build());
		GraphQlSource source = GraphQlSource.builder(schema).build();
		new SqlPlans(new ParsedDocuments(),
				new StaticListableBeanFactory(Map.of("source", source)).getBeanProvider(GraphQlSource.class),
				List.of(feature))
			.afterSingletonsInstantiated();
	}

	/** A root that is never run here. */
	private static final class Projects implements SqlRoot<String> {

		@Override
		public String nodeType() {
			return "Project";
		}

		@Override
		public PageRead<String> page(SqlArguments arguments, String nodeJson, boolean cursors) {
			throw new UnsupportedOperationException();
		}

		@Override
		public String json(String row) {
			return row;
		}

	}

}
