package io.portico.content;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

import io.portico.shared.Viewer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Bytes in the database itself, chunked, under the tenant's row-level security: the
 * default, because it needs nothing besides the database, backs up with it, and an upload
 * cut off midway rolls back with its transaction, leaving nothing behind.
 */
@Component
class PostgresContentStore implements ContentStore {

	/** Chunks read per statement: at most 2 MiB of a download in flight. */
	private static final int PAGE = 8;

	private final DatabaseClient client;

	PostgresContentStore(DatabaseClient client) {
		this.client = client;
	}

	@Override
	public String name() {
		return "postgres";
	}

	@Override
	public Mono<Void> write(Viewer viewer, UUID documentId, int version, Flux<byte[]> chunks) {
		// An upload that fails midway (its body cut off, too large) fails after the chunk
		// being written is in, never in the middle of its statement.
		return chunks.index()
			.concatMapDelayError((chunk) -> this.client.sql("""
					INSERT INTO document_chunk (tenant_id, document_id, version, n, data)
					VALUES (:tenant, :document, :version, :n, :data)
					""")
				.bind("tenant", viewer.tenantId())
				.bind("document", documentId)
				.bind("version", version)
				.bind("n", chunk.getT1().intValue())
				.bind("data", ByteBuffer.wrap(chunk.getT2()))
				.then(), true, 1)
			.then();
	}

	@Override
	public Flux<byte[]> read(Viewer viewer, UUID documentId, int version, long from, long to) {
		int first = (int) (from / Upload.CHUNK);
		int last = (int) (to / Upload.CHUNK);
		return Flux.range(first, last - first + 1)
			.filter((n) -> (n - first) % PAGE == 0)
			.concatMap((start) -> this.client.sql("""
					SELECT n, data FROM document_chunk
					WHERE tenant_id = :tenant AND document_id = :document AND version = :version
					  AND n BETWEEN :start AND :end
					ORDER BY n
					""")
				.bind("tenant", viewer.tenantId())
				.bind("document", documentId)
				.bind("version", version)
				.bind("start", start)
				.bind("end", Math.min(start + PAGE - 1, last))
				.map((row) -> slice(row.get("n", Integer.class), row.get("data", ByteBuffer.class), from, to))
				.all(), 1);
	}

	/** The part of chunk {@code n} that lies within {@code from..to}. */
	private static byte[] slice(int n, ByteBuffer data, long from, long to) {
		byte[] bytes = new byte[data.remaining()];
		data.get(bytes);
		long start = (long) n * Upload.CHUNK;
		int begin = (int) Math.max(0, from - start);
		int end = (int) Math.min(bytes.length, to - start + 1);
		return (begin == 0 && end == bytes.length) ? bytes : Arrays.copyOfRange(bytes, begin, end);
	}

	@Override
	public Mono<Void> purge(Viewer viewer, UUID documentId) {
		return this.client.sql("DELETE FROM document_chunk WHERE tenant_id = :tenant AND document_id = :document")
			.bind("tenant", viewer.tenantId())
			.bind("document", documentId)
			.then();
	}

}
