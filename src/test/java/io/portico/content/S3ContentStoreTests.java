package io.portico.content;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.portico.shared.Role;
import io.portico.shared.Viewer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * S3 storage against a real S3 API server: S3Proxy, started here as a process of its own
 * (the build copies it to {@code target/s3proxy}). Multipart writes, ranged reads, aborts
 * that leave nothing, purges, and keys that start with the tenant.
 */
class S3ContentStoreTests {

	private static final String BUCKET = "portico-test";

	private static S3Client s3;

	private final Viewer viewer = new Viewer(UUID.randomUUID(), "s3-test", "staff@s3", null, Role.STAFF, null,
			List.of());

	@BeforeAll
	static void startS3() {
		s3 = S3Proxy.get().client(BUCKET);
	}

	@Test
	void aVersionIsOneObjectUnderItsTenantReadWholeOrInRanges() {
		S3ContentStore store = new S3ContentStore(s3, BUCKET);
		UUID document = UUID.randomUUID();
		byte[] bytes = bytes(12 * 1024 * 1024 + 12_345);

		store.write(this.viewer, document, 1, chunks(bytes)).block(Duration.ofSeconds(60));

		assertThat(s3.listObjectsV2((r) -> r.bucket(BUCKET).prefix(this.viewer.tenantId() + "/")).contents())
			.extracting((o) -> o.key())
			.containsExactly(this.viewer.tenantId() + "/" + document + "/1");
		assertThat(read(store, document, 0, bytes.length - 1)).isEqualTo(bytes);
		assertThat(read(store, document, 5_000_000, 5_300_000))
			.isEqualTo(Arrays.copyOfRange(bytes, 5_000_000, 5_300_001));

		store.purge(this.viewer, document).block(Duration.ofSeconds(30));
		assertThat(s3.listObjectsV2((r) -> r.bucket(BUCKET).prefix(this.viewer.tenantId() + "/")).contents()).isEmpty();
	}

	@Test
	void aFailedUploadIsAbortedAndLeavesNothing() {
		S3ContentStore store = new S3ContentStore(s3, BUCKET);
		UUID document = UUID.randomUUID();
		Flux<byte[]> cutOff = chunks(bytes(7 * 1024 * 1024)).concatWith(Flux.error(new IOException("cut off")));

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> store.write(this.viewer, document, 1, cutOff).block(Duration.ofSeconds(60)));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(s3.listMultipartUploads((r) -> r.bucket(BUCKET)).uploads())
				.noneMatch((upload) -> upload.key().startsWith(this.viewer.tenantId() + "/")));
		assertThat(s3.listObjectsV2((r) -> r.bucket(BUCKET).prefix(this.viewer.tenantId() + "/")).contents()).isEmpty();
	}

	private byte[] read(S3ContentStore store, UUID document, long from, long to) {
		List<byte[]> parts = store.read(this.viewer, document, 1, from, to).collectList().block(Duration.ofSeconds(60));
		int length = parts.stream().mapToInt((part) -> part.length).sum();
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	private static Flux<byte[]> chunks(byte[] bytes) {
		List<byte[]> chunks = new ArrayList<>();
		for (int at = 0; at < bytes.length; at += Upload.CHUNK) {
			chunks.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + Upload.CHUNK)));
		}
		return Flux.fromIterable(chunks);
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31 + i / 7);
		}
		return bytes;
	}

}
