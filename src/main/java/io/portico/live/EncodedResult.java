package io.portico.live;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * An execution result already written as JSON, for a result that many subscribers
 * receive: every response carries the same bytes instead of encoding the result again.
 * Its {@link #toSpecification() specification} serializes like any other (each entry is
 * raw JSON), and {@link SocketFrameEncoder} writes a WebSocket frame around the whole of
 * it without serializing anything.
 */
public final class EncodedResult implements ExecutionResult {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ExecutionResult result;

	private final Specification specification;

	private EncodedResult(ExecutionResult result, Specification specification) {
		this.result = result;
		this.specification = specification;
	}

	public static EncodedResult of(ExecutionResult result) {
		Map<String, Object> entries = new LinkedHashMap<>();
		StringJoiner whole = new StringJoiner(",", "{", "}");
		result.toSpecification().forEach((name, value) -> {
			String encoded = json.writeValueAsString(value);
			entries.put(name, new RawValue(encoded));
			whole.add(json.writeValueAsString(name) + ":" + encoded);
		});
		return new EncodedResult(result, new Specification(Collections.unmodifiableMap(entries),
				whole.toString().getBytes(StandardCharsets.UTF_8)));
	}

	@Override
	public List<GraphQLError> getErrors() {
		return this.result.getErrors();
	}

	@Override
	@SuppressWarnings("TypeParameterUnusedInFormals")
	public <T> T getData() {
		return this.result.getData();
	}

	@Override
	public boolean isDataPresent() {
		return this.result.isDataPresent();
	}

	@Override
	public Map<Object, Object> getExtensions() {
		return this.result.getExtensions();
	}

	@Override
	public Map<String, Object> toSpecification() {
		return this.specification;
	}

	/** The response map, each entry raw JSON, and the whole map as one JSON object. */
	static final class Specification extends AbstractMap<String, Object> {

		private final Map<String, Object> entries;

		private final byte[] json;

		Specification(Map<String, Object> entries, byte[] json) {
			this.entries = entries;
			this.json = json;
		}

		byte[] json() {
			return this.json;
		}

		@Override
		public Set<Entry<String, Object>> entrySet() {
			return this.entries.entrySet();
		}

	}

}
