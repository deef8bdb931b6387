package io.portico.project;

import java.util.List;
import java.util.UUID;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import io.portico.event.PortalEvent;
import org.dataloader.DataLoader;

import org.springframework.boot.graphql.autoconfigure.GraphQlSourceBuilderCustomizer;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.graphql.execution.GraphQlSource;
import org.springframework.stereotype.Component;

/**
 * {@code project} of every event type, whichever feature declares it: every type that
 * implements {@code PortalEvent} gets the same batched fetcher, so a new event kind needs
 * no wiring here. One statement per level however many events and kinds.
 */
@Component
class EventProjects extends GraphQLTypeVisitorStub implements GraphQlSourceBuilderCustomizer {

	private static final String LOADER = EventProjects.class.getName();

	EventProjects(ProjectService projects, BatchLoaderRegistry loaders) {
		loaders.<UUID, Project>forName(LOADER)
			.withOptions((options) -> options.setCachingEnabled(false))
			.registerMappedBatchLoader((ids, environment) -> projects.byIds(ids));
	}

	@Override
	public void customize(GraphQlSource.SchemaResourceBuilder builder) {
		builder.typeVisitors(List.of(this));
	}

	@Override
	public TraversalControl visitGraphQLObjectType(GraphQLObjectType type,
			TraverserContext<GraphQLSchemaElement> context) {
		boolean event = type.getInterfaces()
			.stream()
			.anyMatch((named) -> ((GraphQLNamedType) named).getName().equals("PortalEvent"));
		if (event) {
			GraphQLCodeRegistry.Builder registry = context.getVarFromParents(GraphQLCodeRegistry.Builder.class);
			registry.dataFetcher(FieldCoordinates.coordinates(type.getName(), "project"), projectOf());
		}
		return TraversalControl.CONTINUE;
	}

	private static DataFetcher<Object> projectOf() {
		return (environment) -> {
			DataLoader<UUID, Project> loader = environment.getDataLoader(LOADER);
			return loader.load(((PortalEvent) environment.getSource()).projectId());
		};
	}

}
