package io.portico.database;

import java.util.function.Function;

import io.r2dbc.spi.Readable;

/**
 * A statement written with {@link SqlValues#literals()}, and how each of its rows is
 * read, for {@link TenantDatabase#readInOneMessage}. Its rows come in PostgreSQL's text
 * format, as the simple protocol sends them.
 *
 * @param <T> what a row is read as
 */
public record LiteralRead<T>(String sql, Function<? super Readable, T> row) {
}
