package io.portico.shared;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shapes the multimaps Reactor's {@code collectMultimap} makes into maps of lists. */
public final class Multimaps {

	private Multimaps() {
	}

	/** The same groups, each an immutable list in its original order. */
	public static <K, V> Map<K, List<V>> lists(Map<K, Collection<V>> multimap) {
		Map<K, List<V>> result = new HashMap<>();
		multimap.forEach((k, v) -> result.put(k, List.copyOf(v)));
		return result;
	}

}
