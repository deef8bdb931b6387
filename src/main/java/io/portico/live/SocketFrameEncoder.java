package io.portico.live;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import tools.jackson.core.io.JsonStringEncoder;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.graphql.server.support.GraphQlWebSocketMessage;
import org.springframework.graphql.server.support.GraphQlWebSocketMessageType;
import org.springframework.util.MimeType;

/**
 * Writes {@code graphql-transport-ws} messages. A {@code next} message whose payload is
 * an {@link EncodedResult} is framed around the bytes encoded once for all its
 * subscribers (only the subscription id differs); every other message goes to the JSON
 * encoder.
 */
public final class SocketFrameEncoder implements Encoder<GraphQlWebSocketMessage> {

	private static final byte[] ID = "{\"id\":\"".getBytes(StandardCharsets.UTF_8);

	private static final byte[] TYPE_AND_PAYLOAD = "\",\"type\":\"next\",\"payload\":".getBytes(StandardCharsets.UTF_8);

	private final Encoder<Object> json;

	@SuppressWarnings("unchecked")
	public SocketFrameEncoder(Encoder<?> json) {
		this.json = (Encoder<Object>) json;
	}

	@Override
	public boolean canEncode(ResolvableType elementType, @Nullable MimeType mimeType) {
		return GraphQlWebSocketMessage.class.isAssignableFrom(elementType.toClass())
				&& this.json.canEncode(elementType, mimeType);
	}

	@Override
	public Flux<DataBuffer> encode(Publisher<? extends GraphQlWebSocketMessage> messages,
			DataBufferFactory bufferFactory, ResolvableType elementType, @Nullable MimeType mimeType,
			@Nullable Map<String, Object> hints) {
		return Flux.from(messages).map((message) -> encodeValue(message, bufferFactory, elementType, mimeType, hints));
	}

	@Override
	public DataBuffer encodeValue(GraphQlWebSocketMessage message, DataBufferFactory bufferFactory,
			ResolvableType valueType, @Nullable MimeType mimeType, @Nullable Map<String, Object> hints) {
		String id = message.getId();
		if (id != null && message.resolvedType() == GraphQlWebSocketMessageType.NEXT
				&& message.getPayload() instanceof EncodedResult.Specification payload) {
			byte[] quotedId = JsonStringEncoder.getInstance().quoteAsUTF8(id);
			byte[] body = payload.json();
			DataBuffer frame = bufferFactory
				.allocateBuffer(ID.length + quotedId.length + TYPE_AND_PAYLOAD.length + body.length + 1);
			frame.write(ID);
			frame.write(quotedId);
			frame.write(TYPE_AND_PAYLOAD);
			frame.write(body);
			frame.write((byte) '}');
			return frame;
		}
		return this.json.encodeValue(message, bufferFactory, valueType, mimeType, hints);
	}

	@Override
	public List<MimeType> getEncodableMimeTypes() {
		return this.json.getEncodableMimeTypes();
	}

}
