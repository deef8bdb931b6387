import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Upload and download of one large file through Portico's signed URLs, with the
 * server's heap sampled throughout: the bytes stream to and from PostgreSQL without
 * being held in memory. Usage: java bench/FileBench.java target/portico.jar [MiB, default 1024]
 */
public class FileBench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static final int PORT = 18091;

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		long size = ((args.length > 1) ? Long.parseLong(args[1]) : 1024) * 1024 * 1024;
		Path data = Files.createTempDirectory("portico-file-bench-");
		Path tenants = Files.createDirectories(data.resolve("tenants"));
		Files.writeString(tenants.resolve("bench-files.yaml"), """
				slug: bench-files
				name: Bench Files
				industry: CONSTRUCTION
				issuers: [{ issuer: portico }]
				documents: { allowed-types: [application/pdf], max-size-mb: 4096 }
				templates: [{ key: simple, name: Simple, milestones: [{ key: only, name: Only, duration-days: 1 }] }]
				""");
		String heap = System.getenv().getOrDefault("BENCH_HEAP", "-Xms256m -Xmx512m");
		List<String> command = new ArrayList<>(List.of("java"));
		command.addAll(List.of(heap.split("\\s+")));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + PORT, "--portico.data-dir=" + data,
				"--portico.tenants.dir=" + tenants, "--portico.demo.enabled=true", "--logging.level.root=warn"));
		Process server = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(data.resolve("server.log").toFile())
			.start();
		try {
			awaitReady();
			String token = find("\"token\":\"([^\"]+)\"", post("/auth/demo-token",
					"{\"tenant\":\"bench-files\",\"role\":\"ADMIN\",\"subject\":\"bench\"}", null));
			graphql(token, "mutation { saveClientAccount(input: {id: \\\"acct\\\", name: \\\"Account\\\"}) { id } }");
			String project = find("\"id\":\"([^\"]+)\"", graphql(token, "mutation { createProject(input: "
					+ "{templateKey: \\\"simple\\\", name: \\\"Big files\\\", clientAccountId: \\\"acct\\\", "
					+ "startDate: \\\"2026-12-01\\\"}) { id } }"));
			String document = find("\"id\":\"([^\"]+)\"", graphql(token, "mutation { attachDocument(input: "
					+ "{projectId: \\\"" + project + "\\\", name: \\\"Scan set.pdf\\\"}) { id } }"));
			String upload = find("\"uploadUrl\":\"([^\"]+)\"",
					graphql(token, "{ document(id: \\\"" + document + "\\\") { uploadUrl } }"));

			long baseline = heapAfterGc(server.pid());
			System.out.printf(Locale.ROOT, "# Portico file benchmark, %d MiB, server %s, %s%n", size >> 20, heap,
					System.getProperty("java.version"));
			System.out.printf(Locale.ROOT, "server heap after GC before: %.1f MB%n", baseline / 1e6);

			Sampler sampler = Sampler.start(server.pid());
			long start = System.nanoTime();
			HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(url(upload)))
				.PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(size)))
				.build(), HttpResponse.BodyHandlers.ofString());
			double seconds = (System.nanoTime() - start) / 1e9;
			long peak = sampler.stop();
			if (stored.statusCode() != 201) {
				throw new IllegalStateException(stored.body());
			}
			System.out.printf(Locale.ROOT,
					"upload:   %.1f s, %.1f MB/s; server heap peak %.1f MB in use (garbage included), old generation peak %.1f MB, after GC %.1f MB%n",
					seconds, size / 1e6 / seconds, peak / 1e6, sampler.oldPeak() / 1e6, heapAfterGc(server.pid()) / 1e6);

			String download = find("\"downloadUrl\":\"([^\"]+)\"",
					graphql(token, "{ document(id: \\\"" + document + "\\\") { downloadUrl } }"));
			long before = heapAfterGc(server.pid());
			sampler = Sampler.start(server.pid());
			start = System.nanoTime();
			HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url(download))).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			long read = 0;
			try (InputStream in = response.body()) {
				byte[] buffer = new byte[1 << 16];
				for (int n; (n = in.read(buffer)) > 0;) {
					read += n;
				}
			}
			seconds = (System.nanoTime() - start) / 1e9;
			peak = sampler.stop();
			if (read != size) {
				throw new IllegalStateException("downloaded " + read + " of " + size + " bytes");
			}
			System.out.printf(Locale.ROOT,
					"download: %.1f s, %.1f MB/s; server heap peak %.1f MB in use (garbage included), old generation peak %.1f MB, after GC %.1f MB (before: %.1f MB)%n",
					seconds, size / 1e6 / seconds, peak / 1e6, sampler.oldPeak() / 1e6, heapAfterGc(server.pid()) / 1e6,
					before / 1e6);
		}
		finally {
			server.destroy();
			server.waitFor();
			System.out.println("[file-bench] logs in " + data);
		}
	}

	/** The server's heap in use, sampled every 100 ms with jstat; the peak. */
	static final class Sampler {

		private final AtomicLong peak = new AtomicLong();

		private final AtomicLong oldPeak = new AtomicLong();

		private final AtomicBoolean running = new AtomicBoolean(true);

		private Thread thread;

		static Sampler start(long pid) {
			Sampler sampler = new Sampler();
			sampler.thread = new Thread(() -> {
				while (sampler.running.get()) {
					try {
						long[] used = heap(pid);
						sampler.peak.accumulateAndGet(used[0], Math::max);
						sampler.oldPeak.accumulateAndGet(used[1], Math::max);
						Thread.sleep(100);
					}
					catch (Exception ex) {
						return;
					}
				}
			});
			sampler.thread.start();
			return sampler;
		}

		long stop() throws InterruptedException {
			this.running.set(false);
			this.thread.join();
			return this.peak.get();
		}

		/** The old generation's peak: what survived young collections, the live data. */
		long oldPeak() {
			return this.oldPeak.get();
		}

	}

	static long heapUsed(long pid) throws IOException, InterruptedException {
		return heap(pid)[0];
	}

	/** Heap in use (survivors, eden, old) and old generation in use, in bytes, from jstat -gc. */
	static long[] heap(long pid) throws IOException, InterruptedException {
		Process jstat = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).start();
		List<String> lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
		jstat.waitFor();
		List<String> names = List.of(lines.get(0).trim().split("\\s+"));
		List<String> values = List.of(lines.get(1).trim().split("\\s+"));
		double kb = 0;
		for (String column : List.of("S0U", "S1U", "EU", "OU")) {
			kb += Double.parseDouble(values.get(names.indexOf(column)));
		}
		double old = Double.parseDouble(values.get(names.indexOf("OU")));
		return new long[] { (long) (kb * 1024), (long) (old * 1024) };
	}

	static long heapAfterGc(long pid) throws IOException, InterruptedException {
		new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").start().waitFor();
		return heapUsed(pid);
	}

	/** A PDF header, then generated filler: a file of the given size without a file. */
	static final class Filler extends InputStream {

		private static final byte[] HEADER = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

		private final long size;

		private long position;

		Filler(long size) {
			this.size = size;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position >= this.size) {
				return -1;
			}
			int n = (int) Math.min(length, this.size - this.position);
			for (int i = 0; i < n; i++) {
				long at = this.position + i;
				buffer[offset + i] = (at < HEADER.length) ? HEADER[(int) at] : (byte) ('a' + at % 26);
			}
			this.position += n;
			return n;
		}

	}

	static String url(String path) {
		return "http://localhost:" + PORT + path;
	}

	static void awaitReady() throws Exception {
		for (int i = 0; i < 600; i++) {
			try {
				if (http.send(HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness"))).build(),
						HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Portico did not become ready");
	}

	static String post(String path, String json, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		String body = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
		if (body.contains("\"errors\"")) {
			throw new IllegalStateException(body);
		}
		return body;
	}

	static String graphql(String token, String query) throws Exception {
		return post("/graphql", "{\"query\":\"" + query + "\"}", token);
	}

	static String find(String pattern, String text) {
		Matcher m = Pattern.compile(pattern).matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("no " + pattern + " in " + text);
		}
		return m.group(1);
	}

}
