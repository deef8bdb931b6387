package io.portico.sqlread;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLFieldDefinition;
import io.portico.database.LiteralRead;
import io.portico.database.TenantDatabase;
import io.portico.shared.CurrentViewer;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A query compiled once: each root field a connection some feature reads with the
 * database building its nodes' JSON. Running it reads every root's page in one message to
 * PostgreSQL, with one snapshot and the viewer's scope, and writes the answer's
 * {@code data}.
 */
final class SqlPlan {

	/** A root field: a connection, or {@code __typename} when {@code root} is null. */
	record Root(String key, Field field, @Nullable GraphQLFieldDefinition definition, @Nullable SqlRoot<Object> root,
			@Nullable ConnectionShape shape) {
	}

	private final OperationDefinition operation;

	private final List<Root> roots;

	SqlPlan(OperationDefinition operation, List<Root> roots) {
		this.operation = operation;
		this.roots = roots;
	}

	/**
	 * The answer's data. Arguments are resolved and handed to the features before
	 * anything runs, so one they refuse (a bad cursor, a page too large) throws here and
	 * the request can still take the resolvers' path, which reports it.
	 */
	Mono<Map<String, Object>> run(Map<String, Object> variables, TenantDatabase database) {
		List<@Nullable PageRead<Object>> pages = new ArrayList<>(this.roots.size());
		List<PageRead<Object>> reads = new ArrayList<>(this.roots.size());
		for (Root root : this.roots) {
			PageRead<Object> page = page(root, variables);
			pages.add(page);
			if (page != null) {
				reads.add(page);
			}
		}
		Mono<List<List<Object>>> rows = reads.isEmpty() ? Mono.just(List.of())
				: CurrentViewer.get().flatMap((viewer) -> database.readInOneMessage(viewer, statements(reads, viewer)));
		return rows.map((read) -> data(pages, read));
	}

	private @Nullable PageRead<Object> page(Root root, Map<String, Object> variables) {
		SqlRoot<Object> connection = root.root();
		ConnectionShape shape = root.shape();
		if (connection == null || shape == null || root.definition() == null) {
			return null;
		}
		SqlArguments arguments = ArgumentValues.resolve(root.definition(), root.field(), this.operation, variables);
		return connection.page(arguments, shape.nodeJson(), shape.cursors());
	}

	private static List<LiteralRead<?>> statements(List<PageRead<Object>> reads, Viewer viewer) {
		List<LiteralRead<?>> statements = new ArrayList<>(reads.size());
		reads.forEach((read) -> statements.add(new LiteralRead<>(read.sql().apply(viewer), read.row())));
		return statements;
	}

	/** Each root's value in the order of the query, the pages' rows in the same order. */
	private Map<String, Object> data(List<@Nullable PageRead<Object>> pages, List<List<Object>> rows) {
		Map<String, Object> data = new LinkedHashMap<>();
		Iterator<List<Object>> pageRows = rows.iterator();
		for (int i = 0; i < this.roots.size(); i++) {
			Root root = this.roots.get(i);
			PageRead<Object> page = pages.get(i);
			if (page == null || root.shape() == null || root.root() == null) {
				data.put(root.key(), "Query");
				continue;
			}
			data.put(root.key(), root.shape().write(page.page().apply(pageRows.next()), root.root()));
		}
		return data;
	}

}
