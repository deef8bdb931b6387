package io.portico.content;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.portico.shared.PorticoException;
import io.portico.tenant.TenantConfig;
import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * One upload on its way to storage: the body cut into chunks of {@link #CHUNK} bytes, its
 * SHA-256 and size taken as the chunks pass, and its media type detected from the first
 * chunk's bytes (the client's word for it is not taken). Holds at most a chunk or two: a
 * 1 GB upload does not raise the heap by more than a few MB.
 */
final class Upload {

	static final int CHUNK = 256 * 1024;

	// Tika's core detector: magic bytes, refined by the file name only where the name
	// names a more specific type of what the bytes are (a .docx is a zip).
	private static final Tika tika = new Tika();

	private final TenantConfig.Documents rules;

	private final String fileName;

	private final MessageDigest sha256;

	private byte[] current = new byte[CHUNK];

	private int filled;

	private long size;

	private @Nullable String contentType;

	Upload(TenantConfig.Documents rules, String fileName) {
		this.rules = rules;
		this.fileName = fileName;
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The body as chunks, checked and digested on the way. */
	Flux<byte[]> chunks(Flux<DataBuffer> body) {
		return body.concatMapIterable(this::add)
			.concatWith(Mono.fromCallable(this::rest))
			.map(this::inspect)
			.switchIfEmpty(Mono
				.error(() -> new PorticoException.Invalid("EMPTY_UPLOAD", "The upload has no bytes", (String) null)));
	}

	private List<byte[]> add(DataBuffer buffer) {
		try {
			List<byte[]> full = new ArrayList<>(1);
			int remaining = buffer.readableByteCount();
			this.size += remaining;
			if (this.size > this.rules.maxBytes()) {
				throw tooLarge(this.rules);
			}
			while (remaining > 0) {
				int n = Math.min(remaining, CHUNK - this.filled);
				buffer.read(this.current, this.filled, n);
				this.filled += n;
				remaining -= n;
				if (this.filled == CHUNK) {
					full.add(this.current);
					this.current = new byte[CHUNK];
					this.filled = 0;
				}
			}
			return full;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private byte @Nullable [] rest() {
		if (this.filled == 0) {
			return null;
		}
		byte[] last = java.util.Arrays.copyOf(this.current, this.filled);
		this.filled = 0;
		return last;
	}

	private byte[] inspect(byte[] chunk) {
		if (this.contentType == null) {
			String detected = tika.detect(chunk, this.fileName);
			if (!this.rules.allowedTypes().contains(detected)) {
				throw new PorticoException.Invalid(
						"CONTENT_TYPE_NOT_ALLOWED", "The bytes are " + detected
								+ ", which this tenant does not accept; allowed: " + this.rules.allowedTypes(),
						java.util.Map.of("detected", detected));
			}
			this.contentType = detected;
		}
		this.sha256.update(chunk);
		return chunk;
	}

	static PorticoException tooLarge(TenantConfig.Documents rules) {
		return new PorticoException.Invalid("TOO_LARGE",
				"The upload is larger than this tenant's limit of " + rules.maxSizeMb() + " MiB",
				java.util.Map.of("maxBytes", rules.maxBytes()));
	}

	long size() {
		return this.size;
	}

	String contentType() {
		return (this.contentType != null) ? this.contentType : "application/octet-stream";
	}

	String sha256() {
		return HexFormat.of().formatHex(this.sha256.digest());
	}

}
