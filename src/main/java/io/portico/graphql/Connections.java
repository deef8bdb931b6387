package io.portico.graphql;

import java.util.List;

import graphql.relay.Connection;
import graphql.relay.DefaultConnection;
import graphql.relay.DefaultConnectionCursor;
import graphql.relay.DefaultEdge;
import graphql.relay.DefaultPageInfo;
import graphql.relay.Edge;
import io.portico.shared.Page;
import org.jspecify.annotations.Nullable;

/**
 * Turns a service's {@link Page} into a Relay connection. Spring for GraphQL adapts only
 * Spring Data containers on its own and passes connections through untouched; Portico's
 * cursors are its own (keyset and log positions), so it hands over finished connections.
 */
public final class Connections {

	private Connections() {
	}

	public static <T> Connection<T> of(Page<T> page) {
		List<Edge<T>> edges = page.edges()
			.stream()
			.<Edge<T>>map((edge) -> new DefaultEdge<>(edge.node(), new DefaultConnectionCursor(edge.cursor())))
			.toList();
		return new DefaultConnection<>(edges, new DefaultPageInfo(cursor(page.startCursor()), cursor(page.endCursor()),
				page.hasPreviousPage(), page.hasNextPage()));
	}

	private static @Nullable DefaultConnectionCursor cursor(@Nullable String value) {
		return (value != null) ? new DefaultConnectionCursor(value) : null;
	}

}
