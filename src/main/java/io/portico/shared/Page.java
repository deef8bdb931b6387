package io.portico.shared;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a cursor-paginated list.
 *
 * @param <T> the node type
 * @param edges the nodes with their cursors, in order
 * @param hasNextPage whether more follow the last edge
 * @param hasPreviousPage whether the page started after a cursor
 */
public record Page<T>(List<Edge<T>> edges, boolean hasNextPage, boolean hasPreviousPage) {

	public record Edge<T>(String cursor, T node) {
	}

	public @Nullable String startCursor() {
		return this.edges.isEmpty() ? null : this.edges.get(0).cursor();
	}

	public @Nullable String endCursor() {
		return this.edges.isEmpty() ? null : this.edges.get(this.edges.size() - 1).cursor();
	}

}
