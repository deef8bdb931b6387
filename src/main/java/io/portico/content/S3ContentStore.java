package io.portico.content;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.portico.shared.Viewer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Bytes in S3-compatible object storage: one object per version, under a key that starts
 * with the tenant ({@code tenant/document/version}), written as a multipart upload of 5
 * MiB parts (S3's smallest) that is aborted if the upload fails, so nothing is left
 * behind; read with ranged GETs. The blocking client runs on bounded-elastic threads.
 */
class S3ContentStore implements ContentStore {

	private static final Log logger = LogFactory.getLog(S3ContentStore.class);

	/** Chunks per part: 20 x 256 KiB, S3's smallest part. */
	static final int CHUNKS_PER_PART = 20;

	private final S3Client s3;

	private final String bucket;

	S3ContentStore(S3Client s3, String bucket) {
		this.s3 = s3;
		this.bucket = bucket;
	}

	@Override
	public String name() {
		return "s3";
	}

	/**
	 * A client for the configured store. Checksums only where S3 requires them: the SDK's
	 * default trailing checksums (aws-chunked bodies) are not understood by every
	 * S3-compatible store, and each part is signed with its SHA-256 anyway.
	 */
	static S3Client client(S3Properties properties) {
		var builder = S3Client.builder()
			.httpClient(UrlConnectionHttpClient.create())
			.region(Region.of(properties.region()))
			.forcePathStyle(properties.pathStyle())
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.credentialsProvider((properties.accessKey() != null)
					? StaticCredentialsProvider
						.create(AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
					: DefaultCredentialsProvider.builder().build());
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

	static String key(Viewer viewer, UUID documentId, int version) {
		return viewer.tenantId() + "/" + documentId + "/" + version;
	}

	@Override
	public Mono<Void> write(Viewer viewer, UUID documentId, int version, Flux<byte[]> chunks) {
		String key = key(viewer, documentId, version);
		return blocking(() -> this.s3.createMultipartUpload((r) -> r.bucket(this.bucket).key(key)).uploadId())
			.flatMap((uploadId) -> {
				AtomicInteger number = new AtomicInteger();
				return chunks.buffer(CHUNKS_PER_PART)
					.concatMap((part) -> upload(key, uploadId, number.incrementAndGet(), part), 1)
					.collectList()
					.flatMap((parts) -> blocking(() -> this.s3.completeMultipartUpload((r) -> r.bucket(this.bucket)
						.key(key)
						.uploadId(uploadId)
						.multipartUpload((m) -> m.parts(parts)))))
					.then()
					.doOnError((ex) -> abort(key, uploadId))
					.doOnCancel(() -> abort(key, uploadId));
			});
	}

	private Mono<CompletedPart> upload(String key, String uploadId, int number, List<byte[]> chunks) {
		long length = chunks.stream().mapToLong((chunk) -> chunk.length).sum();
		// The part is sent from the chunks themselves, not from a copy of them; the
		// client
		// may read it twice (to sign it, then to send it).
		ContentStreamProvider body = () -> {
			List<InputStream> streams = new ArrayList<>();
			chunks.forEach((chunk) -> streams.add(new ByteArrayInputStream(chunk)));
			return new SequenceInputStream(Collections.enumeration(streams));
		};
		return blocking(() -> this.s3.uploadPart(
				(r) -> r.bucket(this.bucket).key(key).uploadId(uploadId).partNumber(number).contentLength(length),
				RequestBody.fromContentProvider(body, length, "application/octet-stream")))
			.map((response) -> CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
	}

	private void abort(String key, String uploadId) {
		blocking(() -> this.s3.abortMultipartUpload((r) -> r.bucket(this.bucket).key(key).uploadId(uploadId)))
			.subscribe(null, (ex) -> logger.warn("Could not abort the upload of " + key + "; its parts stay until "
					+ "the bucket's lifecycle rule for incomplete uploads removes them", ex));
	}

	@Override
	public Flux<byte[]> read(Viewer viewer, UUID documentId, int version, long from, long to) {
		String key = key(viewer, documentId, version);
		return Flux
			.using(() -> this.s3.getObject((r) -> r.bucket(this.bucket).key(key).range("bytes=" + from + "-" + to)),
					(ResponseInputStream<GetObjectResponse> in) -> Flux.<byte[]>generate((sink) -> {
						try {
							byte[] chunk = in.readNBytes(Upload.CHUNK);
							if (chunk.length == 0) {
								sink.complete();
							}
							else {
								sink.next(chunk);
							}
						}
						catch (IOException ex) {
							sink.error(new UncheckedIOException(ex));
						}
					}), ResponseInputStream::abort)
			.subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public Mono<Void> purge(Viewer viewer, UUID documentId) {
		String prefix = viewer.tenantId() + "/" + documentId + "/";
		// One DELETE per version: a document has few, and the batch DeleteObjects call
		// needs a checksum header that not every S3-compatible store understands.
		return blocking(() -> {
			List<String> keys = this.s3.listObjectsV2Paginator((r) -> r.bucket(this.bucket).prefix(prefix))
				.contents()
				.stream()
				.map(S3Object::key)
				.toList();
			keys.forEach((key) -> this.s3.deleteObject((r) -> r.bucket(this.bucket).key(key)));
			return keys.size();
		}).then();
	}

	private static <T> Mono<T> blocking(java.util.concurrent.Callable<T> call) {
		return Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
	}

}
