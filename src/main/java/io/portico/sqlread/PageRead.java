package io.portico.sqlread;

import java.util.List;
import java.util.function.Function;

import io.portico.shared.Page;
import io.portico.shared.Viewer;
import io.r2dbc.spi.Readable;

/**
 * How a feature reads a root connection's page in one statement: the statement for a
 * viewer, its values written in ({@code SqlValues.literals()}, since the read goes to
 * PostgreSQL as one message with its transaction), how a row is read, and how the rows
 * make the page.
 *
 * @param <T> a row of the page: the node's JSON and whatever its cursor is made of
 */
public record PageRead<T>(Function<Viewer, String> sql, Function<? super Readable, T> row,
		Function<List<T>, Page<T>> page) {
}
