package io.portico.live;

import org.junit.jupiter.api.Test;

import org.springframework.core.ResolvableType;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.http.MediaType;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GraphQL over WebSocket takes the first writer that can write its messages as JSON: that
 * must be the one that frames shared results without encoding them again.
 */
class SocketCodecsTests {

	@Test
	void socketMessagesAreWrittenByTheFrameEncoder() {
		ServerCodecConfigurer codecs = WebSocketConfiguration.socketCodecs(ServerCodecConfigurer.create());
		Object first = codecs.getWriters()
			.stream()
			.filter((writer) -> writer.canWrite(ResolvableType.forClass(GraphQlWebSocketMessage.class),
					MediaType.APPLICATION_JSON))
			.map((writer) -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
			.findFirst()
			.orElseThrow();
		assertThat(first).isInstanceOf(SocketFrameEncoder.class);
	}

}
