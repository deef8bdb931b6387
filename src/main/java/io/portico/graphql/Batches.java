package io.portico.graphql;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** Shapes one batch query's answer into what a {@code @BatchMapping} returns. */
public final class Batches {

	private Batches() {
	}

	/**
	 * The value of each source; sources without one are left out, which GraphQL answers
	 * with null.
	 */
	public static <K, V> Map<K, V> byKey(List<K> sources, Function<K, @Nullable V> value) {
		return sources.stream()
			.distinct()
			.filter((k) -> value.apply(k) != null)
			.collect(Collectors.toMap(Function.identity(), (k) -> value.apply(k)));
	}

}
