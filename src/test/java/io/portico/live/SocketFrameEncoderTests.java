package io.portico.live;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import graphql.ExecutionResult;
import graphql.GraphqlErrorBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.MediaType;
import org.springframework.http.codec.json.JacksonJsonEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared result is framed around its bytes and reads exactly like the message the JSON
 * encoder would have written; every other message is left to the JSON encoder.
 */
class SocketFrameEncoderTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JacksonJsonEncoder jackson = new JacksonJsonEncoder();

	private final SocketFrameEncoder encoder = new SocketFrameEncoder(this.jackson);

	@Test
	void sharedResultsAreFramedAroundTheirBytes() {
		ExecutionResult result = ExecutionResult.newExecutionResult()
			.data(Map.of("portalEvents", Map.of("status", "COMPLETED", "note", "Ünïcode \"quoted\"")))
			.addError(GraphqlErrorBuilder.newError().message("partial").build())
			.build();
		// An id needs escaping like any JSON string.
		String id = "sub \"1\"";

		String shared = encode(GraphQlWebSocketMessage.next(id, EncodedResult.of(result).toSpecification()));
		String plain = encode(GraphQlWebSocketMessage.next(id, result.toSpecification()), this.jackson);

		assertThat(json.readTree(shared)).isEqualTo(json.readTree(plain));
		assertThat(json.readTree(shared).get("id").asString()).isEqualTo(id);
	}

	@Test
	void otherMessagesGoToTheJsonEncoder() {
		GraphQlWebSocketMessage complete = GraphQlWebSocketMessage.complete("7");
		assertThat(json.readTree(encode(complete))).isEqualTo(json.readTree(encode(complete, this.jackson)));
		GraphQlWebSocketMessage next = GraphQlWebSocketMessage.next("8", Map.of("data", Map.of("a", List.of(1))));
		assertThat(encode(next)).isEqualTo(encode(next, this.jackson));
	}

	private String encode(GraphQlWebSocketMessage message) {
		return encode(message, this.encoder);
	}

	@SuppressWarnings("unchecked")
	private static String encode(GraphQlWebSocketMessage message, org.springframework.core.codec.Encoder<?> encoder) {
		DataBuffer buffer = ((org.springframework.core.codec.Encoder<Object>) encoder).encodeValue(message,
				DefaultDataBufferFactory.sharedInstance, ResolvableType.forClass(GraphQlWebSocketMessage.class),
				MediaType.APPLICATION_JSON, null);
		return buffer.toString(StandardCharsets.UTF_8);
	}

}
