package io.portico.sqlread;

/**
 * A root connection field whose page a feature reads with the database building each
 * node's JSON. The feature keeps its own filters, order, page size rules and cursors, so
 * the page is the one its resolver would have read.
 *
 * @param <T> a row of the page: the node's JSON and whatever its cursor is made of
 */
public interface SqlRoot<T> {

	/** The GraphQL type of the connection's nodes. */
	String nodeType();

	/**
	 * How to read the page for these arguments, each node selected as {@code nodeJson},
	 * an expression over the node type's table under its own name. Throws, before
	 * anything runs, for arguments the resolver would refuse; the query then takes the
	 * resolver's path, which says why. When {@code cursors} is false the query asks for
	 * no cursor, and the rows need not carry what cursors are made of.
	 */
	PageRead<T> page(SqlArguments arguments, String nodeJson, boolean cursors);

	/** The node's JSON, as the database wrote it. */
	String json(T row);

}
