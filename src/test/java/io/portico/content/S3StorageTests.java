package io.portico.content;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.portico.TestIdentityProviders;
import io.portico.security.TokenIssuer;
import io.portico.shared.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service with S3 storage configured, end to end, in a context and database of its
 * own: uploads land in the bucket under the tenant's prefix and come back through signed
 * URLs, which live as long as configured (one second here) and then say so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class S3StorageTests {

	private static final String BUCKET = "portico-documents";

	private static final String TENANT = "hearthstone-homes";

	@LocalServerPort
	private int port;

	@Autowired
	private TokenIssuer tokens;

	@DynamicPropertySource
	static void s3Storage(DynamicPropertyRegistry registry) throws Exception {
		S3Proxy s3 = S3Proxy.get();
		s3.client(BUCKET);
		Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "s3-data-");
		registry.add("portico.data-dir", data::toString);
		registry.add("portico.embedded-binaries-dir",
				() -> Path.of("target", "pg-binaries").toAbsolutePath().toString());
		registry.add("portico.tenants.dir", () -> TestIdentityProviders.tenantsDir().toString());
		registry.add("portico.storage.s3.bucket", () -> BUCKET);
		registry.add("portico.storage.s3.endpoint", s3.endpoint::toString);
		registry.add("portico.storage.s3.access-key", () -> S3Proxy.ACCESS_KEY);
		registry.add("portico.storage.s3.secret-key", () -> S3Proxy.SECRET_KEY);
		registry.add("portico.documents.download-url-ttl", () -> "2s");
	}

	@Test
	void uploadsGoToTheBucketAndComeBackUntilTheirUrlExpires() {
		HttpGraphQlTester staff = graphql(
				this.tokens.issue(TENANT, Role.STAFF, "kim", null, List.of(), Duration.ofMinutes(5)));
		staff.document("mutation { saveClientAccount(input: {id: \"s3-home\", name: \"S3 Home\"}) { id } }")
			.execute()
			.path("saveClientAccount.id")
			.hasValue();
		String project = staff.document("""
				mutation($start: Date!) { createProject(input: {templateKey: "custom-home", name: "S3 build",
				  clientAccountId: "s3-home", startDate: $start, contractValue: "500000.00"}) { id } }
				""")
			.variable("start", LocalDate.now().toString())
			.execute()
			.path("createProject.id")
			.entity(String.class)
			.get();
		Map<?, ?> document = staff.document("""
				mutation($p: ID!) { attachDocument(input: {projectId: $p, name: "Plans.pdf"}) { id uploadUrl } }
				""").variable("p", project).execute().path("attachDocument").entity(Map.class).get();
		byte[] pdf = ContentTests.pdf(6 * 1024 * 1024 + 7);
		files().put()
			.uri((String) document.get("uploadUrl"))
			.contentType(MediaType.APPLICATION_PDF)
			.bodyValue(pdf)
			.exchange()
			.expectStatus()
			.isCreated();

		assertThat(S3Proxy.get().client(BUCKET).listObjectsV2((r) -> r.bucket(BUCKET)).contents())
			.extracting((o) -> o.key())
			.anySatisfy((key) -> assertThat(key).endsWith("/" + document.get("id") + "/1"));

		HttpGraphQlTester client = graphql(
				this.tokens.issue(TENANT, Role.CLIENT, "homeowner", "s3-home", List.of(), Duration.ofMinutes(5)));
		String download = client.document("query($id: ID!) { document(id: $id) { downloadUrl } }")
			.variable("id", document.get("id"))
			.execute()
			.path("document.downloadUrl")
			.entity(String.class)
			.get();
		files().get().uri(download).exchange().expectStatus().isOk().expectBody(byte[].class).isEqualTo(pdf);
		files().get()
			.uri(download)
			.header(HttpHeaders.RANGE, "bytes=5242870-5242889")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectBody(byte[].class)
			.isEqualTo(java.util.Arrays.copyOfRange(pdf, 5242870, 5242890));

		await().pollDelay(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(files().get()
				.uri(download)
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody()).contains("URL_EXPIRED"));
	}

	private HttpGraphQlTester graphql(String token) {
		return HttpGraphQlTester.create(WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port + "/graphql")
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.responseTimeout(Duration.ofSeconds(30))
			.build());
	}

	private WebTestClient files() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
