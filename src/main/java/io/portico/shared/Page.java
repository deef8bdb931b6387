package io.portico.shared;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paginated list. A node's cursor is made when a query asks for it:
 * most pages are read without their cursors, and encoding one for every row was 1 % of
 * the CPU of the simple query (JFR, issue 7).
 *
 * @param <T> the node type
 * @param nodes the nodes, in order
 * @param cursorOf a node's cursor
 * @param hasNextPage whether more follow the last node
 * @param hasPreviousPage whether the page started after a cursor
 */
public record Page<T>(List<T> nodes, Function<? super T, String> cursorOf, boolean hasNextPage,
		boolean hasPreviousPage) {

	/**
	 * The page in rows read with one more than its size: the extra row only says that
	 * more follow.
	 */
	public static <T> Page<T> of(List<T> rows, int size, Function<? super T, String> cursorOf, boolean afterCursor) {
		return new Page<>(List.copyOf(rows.subList(0, Math.min(size, rows.size()))), cursorOf, rows.size() > size,
				afterCursor);
	}

	public String cursor(T node) {
		return this.cursorOf.apply(node);
	}

}
