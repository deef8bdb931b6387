package io.portico.sqlread;

/**
 * A feature that says how the database can build part of an answer on its own: which of
 * its types are rows of which table, which fields are plain columns, which lists are rows
 * of another table pointing back. Implemented next to the repository that owns the SQL,
 * so a column and its declaration change together.
 */
public interface SqlReadable {

	void declare(SqlSchema schema);

}
