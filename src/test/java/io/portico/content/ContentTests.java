package io.portico.content;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.portico.PorticoTest;
import io.portico.TestIdentityProviders;
import io.portico.database.TenantDatabase;
import io.portico.shared.Role;
import io.portico.shared.Viewer;
import io.portico.tenant.TenantRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Documents with content: uploads streamed through signed URLs, checked from their bytes,
 * versioned; downloads through signed URLs that the viewer's lens re-checks when used,
 * with ranges and read receipts.
 */
class ContentTests extends PorticoTest {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	private static final String SMALL = TestIdentityProviders.SMALL_FILES_TENANT;

	@Autowired
	private TenantDatabase database;

	@Autowired
	private DatabaseClient client;

	@Autowired
	private TenantRegistry tenants;

	@Test
	void uploadedVersionsDownloadWholeOrInRangesWithTheirChecksums() throws Exception {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String document = attach(staff(BUILDER), project, null, "Survey report.pdf");

		byte[] first = pdf(300_000);
		assertThat(put(uploadUrl(staff(BUILDER), document), first).getResponseBody()).containsEntry("version", 1)
			.containsEntry("contentType", "application/pdf")
			.containsEntry("sha256", sha256(first))
			.containsEntry("sizeBytes", first.length);
		byte[] second = pdf(700_001);
		assertThat(put(uploadUrl(staff(BUILDER), document), second).getResponseBody()).containsEntry("version", 2);

		HttpGraphQlTester client = client(BUILDER, account);
		Map<String, Object> seen = content(client, document);
		assertThat(seen).containsEntry("sha256", sha256(second))
			.containsEntry("sizeBytes", second.length)
			.containsEntry("contentType", "application/pdf")
			.containsEntry("uploadUrl", null);
		assertThat((List<?>) seen.get("versions")).extracting((v) -> (Object) ((Map<?, ?>) v).get("number"))
			.containsExactly(2, 1);

		String url = (String) seen.get("downloadUrl");
		EntityExchangeResult<byte[]> whole = files().get()
			.uri(url)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult();
		assertThat(whole.getResponseBody()).isEqualTo(second);
		HttpHeaders headers = whole.getResponseHeaders();
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
		assertThat(headers.getContentLength()).isEqualTo(second.length);
		assertThat(headers.getETag()).isEqualTo("\"" + sha256(second) + "\"");
		assertThat(headers.getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(headers.getContentDisposition().getFilename()).isEqualTo("Survey report.pdf");

		// A range across chunk boundaries.
		files().get()
			.uri(url)
			.header(HttpHeaders.RANGE, "bytes=262000-524300")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.PARTIAL_CONTENT)
			.expectHeader()
			.valueEquals(HttpHeaders.CONTENT_RANGE, "bytes 262000-524300/" + second.length)
			.expectBody(byte[].class)
			.isEqualTo(Arrays.copyOfRange(second, 262000, 524301));
		files().get()
			.uri(url)
			.header(HttpHeaders.RANGE, "bytes=" + second.length + "-")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE);

		// The earlier version stays readable.
		String firstUrl = (String) ((Map<?, ?>) ((List<?>) seen.get("versions")).get(1)).get("downloadUrl");
		files().get().uri(firstUrl).exchange().expectStatus().isOk().expectBody(byte[].class).isEqualTo(first);
	}

	@Test
	void aClientsDownloadsAreRecordedForStaff() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String document = attach(staff(BUILDER), project, null, "Welcome.pdf");
		put(uploadUrl(staff(BUILDER), document), pdf(1000));

		String url = (String) content(client(BUILDER, account), document).get("downloadUrl");
		files().get().uri(url).exchange().expectStatus().isOk().expectBody();
		assertThat((List<?>) content(client(BUILDER, account), document).get("downloads")).isEmpty();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat((List<?>) content(staff(BUILDER), document).get("downloads")).singleElement()
						.satisfies((d) -> assertThat((Object) Map.copyOf((Map<?, ?>) d))
							.isEqualTo(Map.of("by", "user@" + account, "role", "CLIENT", "version", 1))));
	}

	@Test
	void aLockedDocumentsVersionsStayHiddenAndAWithdrawnOnesUrlsStopWorking() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String permits = milestoneId(staff(BUILDER), project, "permits-filed");
		String document = attach(staff(BUILDER), project, permits, "Permit set.pdf");
		put(uploadUrl(staff(BUILDER), document), pdf(2000));
		HttpGraphQlTester client = client(BUILDER, account);
		client.document("query($id: ID!) { document(id: $id) { id } }")
			.variable("id", document)
			.execute()
			.path("document")
			.valueIsNull();

		completeMilestone(BUILDER, account, permits);
		String url = (String) content(client, document).get("downloadUrl");
		files().get().uri(url).exchange().expectStatus().isOk().expectBody();

		staff(BUILDER)
			.document("mutation($id: ID!) { withdrawDocument(id: $id, reason: \"Superseded\") { withdrawnAt } }")
			.variable("id", document)
			.execute()
			.path("withdrawDocument.withdrawnAt")
			.hasValue();
		assertThat(refusal(files().get()
			.uri(url)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody())).isEqualTo("NOT_FOUND");
		client.document("query($id: ID!) { document(id: $id) { id } }")
			.variable("id", document)
			.execute()
			.path("document")
			.valueIsNull();
		assertThat(errorCode(staff(BUILDER).document("mutation($id: ID!) { purgeDocument(id: $id) }")
			.variable("id", document)
			.execute())).isEqualTo("NOT_PERMITTED");
		admin(BUILDER).document("mutation($id: ID!) { purgeDocument(id: $id) }")
			.variable("id", document)
			.execute()
			.path("purgeDocument")
			.entity(Boolean.class)
			.isEqualTo(true);
		assertThat(chunks(BUILDER, document)).isZero();
	}

	@Test
	void refusedUploadsSayWhyAndLeaveNothing() {
		String project = newProject(SMALL, newClientAccount(SMALL), "simple");
		String document = attach(staff(SMALL), project, null, "Notes");
		String url = uploadUrl(staff(SMALL), document);

		byte[] png = new byte[2048];
		System.arraycopy(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' }, 0, png, 0, 8);
		assertThat(refusal(files().put()
			.uri(url)
			.bodyValue(png)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody())).isEqualTo("CONTENT_TYPE_NOT_ALLOWED");
		assertThat(refusal(files().put()
			.uri(url)
			.bodyValue(new byte[1024 * 1024 + 1])
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectBody(MAP)
			.returnResult()
			.getResponseBody())).isEqualTo("TOO_LARGE");
		String tampered = url.substring(0, url.length() - 2) + (url.endsWith("A") ? "BB" : "AA");
		assertThat(refusal(files().put()
			.uri(tampered)
			.bodyValue(pdf(100))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody())).isEqualTo("URL_INVALID");
		assertThat((List<?>) content(staff(SMALL), document).get("versions")).isEmpty();
		assertThat(chunks(SMALL, document)).isZero();

		// A download URL is no upload URL, and no URL works for another document.
		put(url, "plain text".getBytes(StandardCharsets.UTF_8));
		String download = (String) content(staff(SMALL), document).get("downloadUrl");
		files().put().uri(download).bodyValue(pdf(100)).exchange().expectStatus().isForbidden().expectBody();
		assertThat(content(staff(SMALL), document)).containsEntry("contentType", "text/plain");
	}

	@Test
	void aRefusedUploadLeavesItsConnectionReadyForTheNextRequest() {
		String project = newProject(SMALL, newClientAccount(SMALL), "simple");
		String document = attach(staff(SMALL), project, null, "Notes");
		put(uploadUrl(staff(SMALL), document), "plain text".getBytes(StandardCharsets.UTF_8));
		String download = (String) content(staff(SMALL), document).get("downloadUrl");
		// One client, so the next request may go out on the connection the refusal
		// answered; a body left unread there would hold it back.
		WebTestClient client = files();
		String staffToken = this.tokens.issue(SMALL, io.portico.shared.Role.STAFF, "staff@" + SMALL, null, List.of(),
				Duration.ofMinutes(10));
		for (int i = 0; i < 20; i++) {
			client.put().uri(download).bodyValue(pdf(100)).exchange().expectStatus().isForbidden().expectBody();
			client.post()
				.uri("/graphql")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + staffToken)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("query", "{ viewer { role } }"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody();
		}
	}

	@Test
	void aBrowserFormUploadsTooAndAClientHearsOfNewVersionsOnlyOnceUnlocked() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String permits = milestoneId(staff(BUILDER), project, "permits-filed");
		String locked = attach(staff(BUILDER), project, permits, "Permit set.pdf");
		String shared = attach(staff(BUILDER), project, null, "Welcome.pdf");

		MultipartBodyBuilder form = new MultipartBodyBuilder();
		form.part("note", "first draft");
		form.part("file", new ByteArrayResource(pdf(5000)) {
			@Override
			public String getFilename() {
				return "welcome.pdf";
			}
		}).contentType(MediaType.APPLICATION_PDF);
		assertThat(files().post()
			.uri(uploadUrl(staff(BUILDER), shared))
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody()).containsEntry("version", 1).containsEntry("sizeBytes", 5000);
		put(uploadUrl(staff(BUILDER), locked), pdf(3000));

		List<String> clientSees = activityTypes(client(BUILDER, account), project);
		List<String> staffSees = activityTypes(staff(BUILDER), project);
		assertThat(staffSees.stream().filter("DocumentVersionAdded"::equals)).hasSize(2);
		assertThat(clientSees.stream().filter("DocumentVersionAdded"::equals)).hasSize(1);

		// Released, the document shows the client its versions, and its activity says so
		// once; what was added while it was locked stays out of the client's activity.
		completeMilestone(BUILDER, account, permits);
		assertThat((List<?>) content(client(BUILDER, account), locked).get("versions")).hasSize(1);
		List<String> released = activityTypes(client(BUILDER, account), project);
		assertThat(released.stream().filter("DocumentVersionAdded"::equals)).hasSize(1);
		assertThat(released).contains("DocumentUnlocked");
	}

	@Test
	void theDemoProjectsCarryRealFilesForTheWalkThrough() {
		assertThat(demoFile(BUILDER, "Framing inspection report.pdf")).startsWith("%PDF-1.4")
			.contains("Result: PASSED");
		assertThat(demoFile(AGENCY, "Homepage mockup.png")).startsWith("\u0089PNG");
		assertThat(demoFile(SAAS, "Data migration report.csv"))
			.startsWith("employee_id,name,ytd_gross_previous_provider,ytd_gross_relay,match");
	}

	/** The content of a demo document, as staff download it. */
	private String demoFile(String tenant, String name) {
		List<Map<String, Object>> documents = staff(tenant)
			.document("{ projects(first: 100) { edges { node { documents { name contentType downloadUrl } } } } }")
			.execute()
			.path("projects.edges[*].node.documents[*]")
			.entityList(MAP)
			.get();
		Map<String, Object> document = documents.stream()
			.filter((d) -> name.equals(d.get("name")))
			.findFirst()
			.orElseThrow();
		byte[] bytes = files().get()
			.uri((String) document.get("downloadUrl"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	@Test
	void aUrlStopsWorkingWhenItsClientLosesTheProject() {
		String account = newClientAccount(BUILDER);
		String project = newProject(BUILDER, account, "custom-home");
		String document = attach(staff(BUILDER), project, null, "Contract.pdf");
		put(uploadUrl(staff(BUILDER), document), pdf(1000));
		String url = (String) content(client(BUILDER, account), document).get("downloadUrl");
		files().get().uri(url).exchange().expectStatus().isOk().expectBody();

		// No operation moves a project between accounts yet; the operator's database
		// does.
		String other = newClientAccount(BUILDER);
		this.database
			.one(operator(BUILDER),
					() -> this.client.sql("UPDATE project SET client_account_id = :account WHERE id = :id")
						.bind("account", other)
						.bind("id", java.util.UUID.fromString(project))
						.then())
			.block(Duration.ofSeconds(10));

		files().get().uri(url).exchange().expectStatus().isNotFound().expectBody();
	}

	@Test
	void anEmptyUploadAndAPurgeBeforeWithdrawalAreRefused() {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String document = attach(staff(BUILDER), project, null, "Empty.pdf");
		assertThat(refusal(files().put()
			.uri(uploadUrl(staff(BUILDER), document))
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody())).isEqualTo("EMPTY_UPLOAD");
		put(uploadUrl(staff(BUILDER), document), pdf(500));
		assertThat(errorCode(admin(BUILDER).document("mutation($id: ID!) { purgeDocument(id: $id) }")
			.variable("id", document)
			.execute())).isEqualTo("NOT_WITHDRAWN");
		String withdraw = "mutation($id: ID!) { withdrawDocument(id: $id) { id } }";
		staff(BUILDER).document(withdraw).variable("id", document).execute().path("withdrawDocument.id").hasValue();
		assertThat(errorCode(staff(BUILDER).document(withdraw).variable("id", document).execute()))
			.isEqualTo("INVALID_TRANSITION");
		assertThat(content(staff(BUILDER), document)).containsEntry("uploadUrl", null)
			.containsEntry("downloadUrl", null);
	}

	@Test
	void anUploadCutOffMidwayLeavesNoVersionAndNoBytes() throws Exception {
		String project = newProject(BUILDER, newClientAccount(BUILDER), "custom-home");
		String document = attach(staff(BUILDER), project, null, "Big.pdf");
		String url = uploadUrl(staff(BUILDER), document);
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PUT " + url + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/pdf\r\n"
					+ "Content-Length: 5000000\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(pdf(1_500_000));
			out.flush();
			// The upload's transaction holds the document until it ends: it is under way.
			await().atMost(Duration.ofSeconds(10)).until(() -> locked(BUILDER, document));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> !locked(BUILDER, document));
		await().pollDelay(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(chunks(BUILDER, document)).isZero());
		assertThat((List<?>) content(staff(BUILDER), document).get("versions")).isEmpty();
		put(url, pdf(1000));
		assertThat((List<?>) content(staff(BUILDER), document).get("versions")).hasSize(1);
	}

	/** This service over HTTP, reading whole files into memory (the tests' are small). */
	private WebTestClient files() {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(16 * 1024 * 1024))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private long chunks(String tenant, String document) {
		return this.database
			.one(operator(tenant),
					() -> this.client.sql("SELECT count(*) AS n FROM document_chunk WHERE document_id = :id")
						.bind("id", java.util.UUID.fromString(document))
						.map((row) -> row.get("n", Long.class))
						.one())
			.block(Duration.ofSeconds(10));
	}

	/** Whether a transaction holds the document's row lock right now. */
	private boolean locked(String tenant, String document) {
		return Boolean.TRUE.equals(
				this.database
					.one(operator(tenant),
							() -> this.client.sql("SELECT id FROM document WHERE id = :id FOR UPDATE NOWAIT")
								.bind("id", java.util.UUID.fromString(document))
								.fetch()
								.first()
								.thenReturn(false))
					.onErrorReturn(true)
					.block(Duration.ofSeconds(10)));
	}

	private Viewer operator(String tenant) {
		return new Viewer(this.tenants.bySlug(tenant).orElseThrow().id(), tenant, "test", null, Role.ADMIN, null,
				List.of());
	}

	private EntityExchangeResult<Map<String, Object>> put(String url, byte[] body) {
		return files().put()
			.uri(url)
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(MAP)
			.returnResult();
	}

	private static String uploadUrl(HttpGraphQlTester staff, String document) {
		return staff.document("query($id: ID!) { document(id: $id) { uploadUrl } }")
			.variable("id", document)
			.execute()
			.path("document.uploadUrl")
			.entity(String.class)
			.get();
	}

	private static Map<String, Object> content(HttpGraphQlTester tester, String document) {
		return tester.document("""
				query($id: ID!) { document(id: $id) { sha256 sizeBytes contentType uploadUrl downloadUrl
				  versions { number sha256 sizeBytes downloadUrl } downloads { by role version } } }
				""").variable("id", document).execute().path("document").entity(MAP).get();
	}

	@SuppressWarnings("unchecked")
	private static String refusal(@Nullable Map<String, Object> body) {
		Map<String, Object> error = ((List<Map<String, Object>>) body.get("errors")).get(0);
		return (String) ((Map<String, Object>) error.get("extensions")).get("code");
	}

	/** A PDF-looking file of the given size: the header, then filler. */
	static byte[] pdf(int size) {
		byte[] bytes = new byte[size];
		byte[] header = "%PDF-1.7\n%\u00e2\u00e3\n".getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) ('a' + (i * 31 % 26));
		}
		System.arraycopy(header, 0, bytes, 0, Math.min(header.length, size));
		return bytes;
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
