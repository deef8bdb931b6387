package io.portico.content;

import java.util.UUID;

import io.portico.shared.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the bytes of document versions live. Chunks are {@link Upload#CHUNK} bytes each
 * but the last; reads and writes run as the viewer, inside its transaction.
 */
interface ContentStore {

	/** How versions record where their bytes are. */
	String name();

	/** Stores a version's chunks, in order; completes when all are stored. */
	Mono<Void> write(Viewer viewer, UUID documentId, int version, Flux<byte[]> chunks);

	/** The bytes {@code from} to {@code to} (inclusive) of a stored version, in order. */
	Flux<byte[]> read(Viewer viewer, UUID documentId, int version, long from, long to);

	/** Removes every version's bytes of a document. */
	Mono<Void> purge(Viewer viewer, UUID documentId);

}
