package io.portico.content;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.portico.shared.PorticoException;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Short-lived URLs of this service that carry no bearer token: what they allow (upload to
 * a document, or download one version of it), for whom (tenant, subject, role, client
 * account) and until when, signed with HMAC-SHA256 under a key every instance reads from
 * the database. They prove who asked; whether that viewer may still do it is checked
 * again in the database when the URL is used.
 */
@Component
class SignedUrls {

	static final String UPLOAD = "up";

	static final String DOWNLOAD = "down";

	private static final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

	private final Mono<SecretKeySpec> key;

	private final Clock clock;

	@Autowired
	SignedUrls(DatabaseClient client, Clock clock) {
		this(client.sql("SELECT key FROM url_signing_key WHERE id = 1")
			.map((row) -> bytes(row.get("key", java.nio.ByteBuffer.class)))
			.one(), clock);
	}

	SignedUrls(Mono<byte[]> key, Clock clock) {
		this.clock = clock;
		this.key = key.map((bytes) -> new SecretKeySpec(bytes, "HmacSHA256")).cache();
	}

	/** What a valid URL allows. */
	record Grant(String purpose, Viewer viewer, UUID documentId, int version) {
	}

	/** The path of a URL that allows the viewer to do this until {@code ttl} from now. */
	Mono<String> mint(String purpose, Viewer viewer, UUID documentId, int version, Duration ttl) {
		long expires = Instant.now(this.clock).plus(ttl).getEpochSecond();
		String payload = String.join("\n", purpose, viewer.tenantId().toString(), viewer.tenant(),
				documentId.toString(), Integer.toString(version), viewer.subject(), viewer.role().name(),
				(viewer.clientAccount() != null) ? viewer.clientAccount() : "", Long.toString(expires));
		return this.key.map((key) -> "/files/" + encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ encoder.encodeToString(sign(key, payload)));
	}

	/**
	 * The grant of a token, if its signature holds, it is for this purpose and it has not
	 * expired; otherwise a refusal that says which.
	 */
	Mono<Grant> verify(String token, String purpose) {
		return this.key.map((key) -> {
			int dot = token.indexOf('.');
			String payload = (dot > 0) ? decode(token.substring(0, dot)) : null;
			byte[] signature = (dot > 0) ? decodeBytes(token.substring(dot + 1)) : null;
			if (payload == null || signature == null || !MessageDigest.isEqual(signature, sign(key, payload))) {
				throw new PorticoException.Forbidden("URL_INVALID", "This URL is not one this service signed",
						java.util.Map.of());
			}
			List<String> fields = List.of(payload.split("\n", -1));
			if (fields.size() != 9 || !fields.get(0).equals(purpose)) {
				throw new PorticoException.Forbidden("URL_INVALID", "This URL is not for this", java.util.Map.of());
			}
			if (Instant.now(this.clock).getEpochSecond() > Long.parseLong(fields.get(8))) {
				throw new PorticoException.Forbidden(UPLOAD.equals(purpose) ? "UPLOAD_EXPIRED" : "URL_EXPIRED",
						"This URL has expired; ask for a new one", java.util.Map.of());
			}
			Viewer viewer = new Viewer(UUID.fromString(fields.get(1)), fields.get(2), fields.get(5), null,
					Role.valueOf(fields.get(6)), fields.get(7).isEmpty() ? null : fields.get(7), List.of());
			return new Grant(purpose, viewer, UUID.fromString(fields.get(3)), Integer.parseInt(fields.get(4)));
		});
	}

	private static byte[] sign(SecretKeySpec key, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static @Nullable String decode(String part) {
		byte[] bytes = decodeBytes(part);
		return (bytes != null) ? new String(bytes, StandardCharsets.UTF_8) : null;
	}

	private static byte @Nullable [] decodeBytes(String part) {
		try {
			return Base64.getUrlDecoder().decode(part);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static byte[] bytes(java.nio.@Nullable ByteBuffer buffer) {
		if (buffer == null) {
			throw new IllegalStateException("No URL signing key in the database");
		}
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
