package io.portico.graphql;

import java.util.List;
import java.util.function.Supplier;

import graphql.relay.Connection;
import graphql.relay.ConnectionCursor;
import graphql.relay.DefaultConnection;
import graphql.relay.DefaultEdge;
import graphql.relay.DefaultPageInfo;
import graphql.relay.Edge;
import io.portico.shared.Page;
import org.jspecify.annotations.Nullable;

/**
 * Turns a service's {@link Page} into a Relay connection. Spring for GraphQL adapts only
 * Spring Data containers on its own and passes connections through untouched; Portico's
 * cursors are its own (keyset and log positions), so it hands over finished connections
 * whose cursors are encoded only if the query selects them.
 */
public final class Connections {

	private Connections() {
	}

	public static <T> Connection<T> of(Page<T> page) {
		List<Edge<T>> edges = page.nodes()
			.stream()
			.<Edge<T>>map((node) -> new DefaultEdge<>(node, new LazyCursor(() -> page.cursor(node))))
			.toList();
		return new DefaultConnection<>(edges, new DefaultPageInfo(cursor(page, 0),
				cursor(page, page.nodes().size() - 1), page.hasPreviousPage(), page.hasNextPage()));
	}

	private static <T> @Nullable ConnectionCursor cursor(Page<T> page, int index) {
		return (index >= 0) ? new LazyCursor(() -> page.cursor(page.nodes().get(index))) : null;
	}

	/**
	 * A cursor encoded when it is first read; GraphQL writes it with toString. Two
	 * threads reading it at once would both encode it, to the same string.
	 */
	private static final class LazyCursor implements ConnectionCursor {

		private final Supplier<String> encode;

		private @Nullable String value;

		LazyCursor(Supplier<String> encode) {
			this.encode = encode;
		}

		@Override
		public String getValue() {
			String encoded = this.value;
			if (encoded == null) {
				encoded = this.encode.get();
				this.value = encoded;
			}
			return encoded;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof ConnectionCursor cursor && getValue().equals(cursor.getValue());
		}

		@Override
		public int hashCode() {
			return getValue().hashCode();
		}

		@Override
		public String toString() {
			return getValue();
		}

	}

}
