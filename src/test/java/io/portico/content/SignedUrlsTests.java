package io.portico.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.portico.shared.PorticoException;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Signed URLs prove who asked for what until when: a URL works for its purpose, its
 * tenant, document, version and viewer only, not after it expired, and not at all once
 * anything in it was changed.
 */
class SignedUrlsTests {

	private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

	private final UUID tenant = UUID.randomUUID();

	private final Viewer client = new Viewer(this.tenant, "hearthstone-homes", "amara", null, Role.CLIENT,
			"okafor-household", List.of());

	private final UUID document = UUID.randomUUID();

	@Test
	void aUrlGrantsWhatItWasMintedForToWhomItWasMintedFor() {
		String url = urls(NOW).mint(SignedUrls.DOWNLOAD, this.client, this.document, 3, Duration.ofMinutes(5)).block();
		assertThat(url).startsWith("/files/");

		SignedUrls.Grant grant = urls(NOW.plusSeconds(299)).verify(token(url), SignedUrls.DOWNLOAD).block();
		assertThat(grant.documentId()).isEqualTo(this.document);
		assertThat(grant.version()).isEqualTo(3);
		assertThat(grant.viewer().subject()).isEqualTo("amara");
		assertThat(grant.viewer().role()).isEqualTo(Role.CLIENT);
		assertThat(grant.viewer().clientAccount()).isEqualTo("okafor-household");
		assertThat(grant.viewer().tenantId()).isEqualTo(this.tenant);
		assertThat(grant.viewer().tenant()).isEqualTo("hearthstone-homes");
	}

	@Test
	void anExpiredUrlSaysSo() {
		String download = urls(NOW).mint(SignedUrls.DOWNLOAD, this.client, this.document, 1, Duration.ofMinutes(5))
			.block();
		String upload = urls(NOW).mint(SignedUrls.UPLOAD, this.client, this.document, 0, Duration.ofMinutes(15))
			.block();
		assertThat(refusal(urls(NOW.plusSeconds(301)), download, SignedUrls.DOWNLOAD)).isEqualTo("URL_EXPIRED");
		assertThat(refusal(urls(NOW.plusSeconds(901)), upload, SignedUrls.UPLOAD)).isEqualTo("UPLOAD_EXPIRED");
	}

	@Test
	void aChangedOrMisusedUrlIsRefused() {
		SignedUrls urls = urls(NOW);
		String url = urls.mint(SignedUrls.DOWNLOAD, this.client, this.document, 1, Duration.ofMinutes(5)).block();
		String token = token(url);
		String payload = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
		String otherDocument = payload.replace(this.document.toString(), UUID.randomUUID().toString());
		String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(otherDocument.getBytes())
				+ token.substring(token.indexOf('.'));

		assertThat(refusal(urls, "/files/" + forged, SignedUrls.DOWNLOAD)).isEqualTo("URL_INVALID");
		assertThat(refusal(urls, url, SignedUrls.UPLOAD)).isEqualTo("URL_INVALID");
		assertThat(refusal(urls, url.substring(0, url.length() - 3) + "xyz", SignedUrls.DOWNLOAD))
			.isEqualTo("URL_INVALID");
		assertThat(refusal(urls, "/files/garbage", SignedUrls.DOWNLOAD)).isEqualTo("URL_INVALID");
		// Another instance with another key does not accept it either.
		SignedUrls other = new SignedUrls(Mono.just(new byte[32]), Clock.fixed(NOW, ZoneOffset.UTC));
		assertThat(refusal(other, url, SignedUrls.DOWNLOAD)).isEqualTo("URL_INVALID");
	}

	private SignedUrls urls(Instant now) {
		byte[] key = new byte[32];
		key[0] = 42;
		return new SignedUrls(Mono.just(key), Clock.fixed(now, ZoneOffset.UTC));
	}

	private static String token(String url) {
		return url.substring("/files/".length());
	}

	private static String refusal(SignedUrls urls, String url, String purpose) {
		return assertThatExceptionOfType(PorticoException.class)
			.isThrownBy(() -> urls.verify(token(url), purpose).block())
			.actual()
			.code();
	}

}
