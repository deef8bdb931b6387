package io.portico.sqlread;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLFieldDefinition;
import io.portico.shared.Page;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query compiled once: each root field a connection some feature reads with the
 * database building its nodes' JSON. Running it reads each root's page in order, inside
 * the request's read transaction, and writes the answer's {@code data}.
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
	Mono<Map<String, Object>> run(Map<String, Object> variables) {
		List<Mono<Map.Entry<String, Object>>> reads = new ArrayList<>(this.roots.size());
		for (Root root : this.roots) {
			reads.add(read(root, variables));
		}
		return Flux.concat(reads)
			.collect(LinkedHashMap::new, (data, entry) -> data.put(entry.getKey(), entry.getValue()));
	}

	private Mono<Map.Entry<String, Object>> read(Root root, Map<String, Object> variables) {
		SqlRoot<Object> connection = root.root();
		ConnectionShape shape = root.shape();
		if (connection == null || shape == null || root.definition() == null) {
			return Mono.just(Map.entry(root.key(), "Query"));
		}
		SqlArguments arguments = ArgumentValues.resolve(root.definition(), root.field(), this.operation, variables);
		Mono<Page<Object>> page = connection.page(arguments, shape.nodeJson());
		return page.map((read) -> Map.entry(root.key(), shape.write(read, connection)));
	}

}
