package io.portico.live;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

/**
 * A bare graphql-transport-ws client for tests of the protocol itself: it sends exactly
 * the frames it is given and records what comes back, including the close code.
 */
final class RawSocket {

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<CloseStatus> closed = Sinks.one();

	private RawSocket() {
	}

	static RawSocket open(int port) {
		RawSocket socket = new RawSocket();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + port + "/graphql"), new WebSocketHandler() {
				@Override
				public List<String> getSubProtocols() {
					return List.of("graphql-transport-ws");
				}

				@Override
				public Mono<Void> handle(WebSocketSession session) {
					session.closeStatus().subscribe(socket.closed::tryEmitValue);
					Mono<Void> in = session.receive()
						.doOnNext((message) -> socket.received.add(message.getPayloadAsText()))
						.then();
					Mono<Void> out = session.send(socket.outbound.asFlux().map(session::textMessage));
					return Mono.zip(in, out).then();
				}
			})
			.doFinally((signal) -> socket.closed.tryEmitEmpty())
			.subscribe();
		return socket;
	}

	RawSocket send(String frame) {
		this.outbound.tryEmitNext(frame);
		return this;
	}

	RawSocket init(String token) {
		return send("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}");
	}

	RawSocket subscribe(String id, String query) {
		return send("{\"id\":\"" + id + "\",\"type\":\"subscribe\",\"payload\":{\"query\":\""
				+ query.replace("\"", "\\\"") + "\"}}");
	}

	/** The close code, waiting up to the timeout; -1 if the socket stayed open. */
	int closeCode(Duration timeout) {
		CloseStatus status = this.closed.asMono().timeout(timeout, Mono.empty()).block();
		return (status != null) ? status.getCode() : -1;
	}

	/** Waits until a frame containing the text arrives. */
	String await(String text, Duration timeout) {
		return Flux.interval(Duration.ofMillis(20))
			.map((tick) -> this.received.stream().filter((m) -> m.contains(text)).findFirst().orElse(""))
			.filter((m) -> !m.isEmpty())
			.blockFirst(timeout);
	}

	List<String> received() {
		return this.received;
	}

	void close() {
		this.outbound.tryEmitComplete();
	}

}
