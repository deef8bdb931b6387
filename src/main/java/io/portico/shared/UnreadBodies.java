package io.portico.shared;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * What a request refused before its body was read must do first: read the rest of the
 * body and drop it. Left unread on a keep-alive connection, it held back the client's
 * next request there, which waited without an answer (ContentTests reproduced it).
 */
public final class UnreadBodies {

	/** A body still arriving after this is left for the connection to deal with. */
	private static final Duration AT_MOST = Duration.ofSeconds(5);

	private UnreadBodies() {
	}

	/** The body read to its end and dropped; nothing when it was already read. */
	public static Mono<Void> drop(Flux<DataBuffer> body) {
		return body.doOnNext(DataBufferUtils::release)
			.take(AT_MOST)
			.then()
			// Only one reader per body: the refused work read it, in part or whole.
			.onErrorResume(IllegalStateException.class, (already) -> Mono.empty());
	}

}
