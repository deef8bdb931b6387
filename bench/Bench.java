import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portico's live-update benchmark: commit-to-client latency for 1, 100 and 1,000
 * subscribers of one project, idle subscriptions one instance holds and the heap each
 * costs, and latency across two instances. Runs the real service (the built jar) as
 * separate processes and talks to them over real HTTP and WebSocket, with nothing but
 * the JDK. Started by bench/run; see bench/README.md.
 */
public class Bench {

	/** Changes sent before each measurement, not measured. */
	static final int WARM_UP = 10;

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	public static void main(String[] args) throws Exception {
		if (args[0].equals("idle-client")) {
			idleClient(Integer.parseInt(args[1]), args[2], args[3], Integer.parseInt(args[4]));
			return;
		}
		Path jar = Path.of(args[0]);
		int idle = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		String mode = (args.length > 2) ? args[2] : "all";
		boolean idleOnly = mode.equals("idle-only");
		Path data = Files.createTempDirectory("portico-bench-");
		int pgPort = 55000 + (int) (ProcessHandle.current().pid() % 1000);
		Process a = start(jar, data, 18081, "--portico.embedded-port=" + pgPort);
		Process b = null;
		try {
			await(18081);
			String token = token(18081);
			String account = "bench-" + System.nanoTime();
			graphql(18081, token, "mutation { saveClientAccount(input: {id: \"" + account + "\", name: \"Bench\"}) { id } }");
			String project = id(graphql(18081, token, "mutation { createProject(input: {templateKey: \"custom-home\", "
					+ "name: \"Bench\", clientAccountId: \"" + account + "\", startDate: \"2026-01-05\", contractValue: \"450000.00\"}) { id } }"));
			List<String> milestones = ids(graphql(18081, token,
					"{ project(id: \"" + project + "\") { milestones { id } } }"));

			if (idleOnly) {
				idleSubscriptions(a, 18081, token, project, idle, data);
				return;
			}
			System.out.println("# Portico live-update benchmark");
			System.out.printf(Locale.ROOT, "machine: %d cores, server -Xmx%s -XX:MaxGCPauseMillis=20, %s%n", Runtime.getRuntime().availableProcessors(),
					"2g", System.getProperty("java.version"));
			System.out.println();
			System.out.println("| subscribers | events | p50 ms | p95 ms | p99 ms | max ms | mutation p50 ms | after response p50 / p99 ms |");
			System.out.println("|---|---|---|---|---|---|---|---|");
			for (int subscribers : new int[] { 1, 100, 1000 }) {
				latency(18081, 18081, token, project, milestones, subscribers, 40, "same instance");
			}

			if (mode.equals("latency-only")) {
				return;
			}
			b = start(jar, data, 18082, "--spring.r2dbc.url=r2dbc:postgresql://localhost:" + pgPort + "/postgres",
					"--spring.r2dbc.username=portico_app",
					"--spring.flyway.url=jdbc:postgresql://localhost:" + pgPort + "/postgres",
					"--spring.flyway.user=postgres");
			await(18082);
			System.out.println();
			System.out.println("Across instances (subscribed on A, changed through B):");
			System.out.println();
			System.out.println("| subscribers | events | p50 ms | p95 ms | p99 ms | max ms | mutation p50 ms | after response p50 / p99 ms |");
			System.out.println("|---|---|---|---|---|---|---|---|");
			latency(18081, 18082, token, project, milestones, 100, 40, "cross instance");
			b.destroy();
			b.waitFor(20, TimeUnit.SECONDS);
			b = null;

			idleSubscriptions(a, 18081, token, project, idle, data);
		}
		finally {
			if (b != null) {
				b.destroy();
			}
			a.destroy();
			a.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/** Starts an instance on its own data directory and port. */
	static Process start(Path jar, Path data, int port, String... extra) throws IOException {
		List<String> command = new ArrayList<>(List.of("java", "-Xms512m", "-Xmx2g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"));
		String options = System.getenv("BENCH_SERVER_OPTS");
		if (options != null && !options.isBlank()) {
			command.addAll(List.of(options.trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--portico.data-dir=" + data,
				"--portico.tenants.dir=" + Path.of("tenants").toAbsolutePath(), "--portico.demo.enabled=true",
				// One token opens every subscription and sends every change: a single viewer far
				// over the per-viewer caps a real portal user stays under.
				"--portico.limits.subscriptions-per-viewer=100000", "--portico.limits.subscriptions-per-tenant=100000",
				"--portico.limits.cost-per-minute=1000000000", "--portico.limits.tenant-cost-per-minute=1000000000",
				"--logging.level.root=warn"));
		command.addAll(List.of(extra));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(data.resolve("instance-" + port + ".log").toFile())
			.start();
	}

	static void await(int port) throws Exception {
		for (int i = 0; i < 600; i++) {
			try {
				HttpResponse<String> ready = http.send(
						HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("instance on port " + port + " did not become ready");
	}

	static String token(int port) throws Exception {
		String body = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auth/demo-token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"tenant\":\"hearthstone-homes\",\"role\":\"ADMIN\",\"subject\":\"bench\"}"))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		return find(Pattern.compile("\"token\":\"([^\"]+)\""), body);
	}

	static String graphql(int port, String token, String query) throws Exception {
		String json = "{\"query\":\"" + query.replace("\"", "\\\"") + "\"}";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.body().contains("\"errors\"")) {
			throw new IllegalStateException(response.body());
		}
		return response.body();
	}

	/**
	 * Subscribers on one instance, changes through another (or the same): each change is
	 * timed from just before its mutation is sent to the moment each subscriber has the
	 * event, so the figure includes the commit and is an upper bound on commit-to-client.
	 */
	static void latency(int subscribePort, int changePort, String token, String project, List<String> milestones,
			int subscribers, int events, String label) throws Exception {
		// Changes are sent one at a time and every subscriber receives events in log
		// order, so the n-th event a subscriber receives is the n-th change. The first
		// WARM_UP changes are not measured: they let both JVMs compile the paths a fan-out
		// of this size takes, as a running service would have long since done.
		int total = WARM_UP + events;
		long[] sentAt = new long[total];
		long[] answeredAt = new long[total];
		// (event number, receipt time) of every delivery; turned into latencies at the end,
		// since an event may reach a subscriber before its mutation's response is read.
		ConcurrentLinkedQueue<long[]> receipts = new ConcurrentLinkedQueue<>();
		CountDownLatch all = new CountDownLatch(subscribers * total);
		List<Sub> subs = new ArrayList<>();
		for (int i = 0; i < subscribers; i++) {
			java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
			subs.add(Sub.open(subscribePort, token, "subscription { milestoneChanged(projectId: \\\"" + project
					+ "\\\") { status } }", (text, at) -> {
						int n = received.getAndIncrement();
						if (n < total) {
							if (n >= WARM_UP) {
								receipts.add(new long[] { n, at });
							}
							all.countDown();
						}
					}));
		}
		for (Sub sub : subs) {
			sub.subscribed.get(30, TimeUnit.SECONDS);
		}
		Thread.sleep(1000);
		for (int i = 0; i < total; i++) {
			sentAt[i] = System.nanoTime();
			graphql(changePort, token, "mutation { updateMilestone(input: {id: \"" + milestones.get(0)
					+ "\", description: \"bench " + i + "\"}) { version } }");
			answeredAt[i] = System.nanoTime();
			Thread.sleep(50);
		}
		all.await(60, TimeUnit.SECONDS);
		for (Sub sub : subs) {
			sub.close();
		}
		List<Long> sorted = new ArrayList<>();
		List<Long> afterResponse = new ArrayList<>();
		for (long[] receipt : receipts) {
			sorted.add(receipt[1] - sentAt[(int) receipt[0]]);
			afterResponse.add(Math.max(0, receipt[1] - answeredAt[(int) receipt[0]]));
		}
		Collections.sort(sorted);
		Collections.sort(afterResponse);
		List<Long> mutations = new ArrayList<>();
		for (int i = WARM_UP; i < total; i++) {
			mutations.add(answeredAt[i] - sentAt[i]);
		}
		Collections.sort(mutations);
		System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f / %.1f |%n", subscribers,
				events, ms(pct(sorted, 50)), ms(pct(sorted, 95)), ms(pct(sorted, 99)), ms(sorted.get(sorted.size() - 1)),
				ms(pct(mutations, 50)), ms(pct(afterResponse, 50)), ms(pct(afterResponse, 99)));
	}

	/** Idle subscriptions held by one instance, and the server heap each costs. */
	/**
	 * Idle subscriptions held by one instance, and the server heap each costs. Above 10,000
	 * a second client process opens half of them: one process cannot hold more sockets
	 * than its file-descriptor limit (20,000 on the machine measured).
	 */
	static void idleSubscriptions(Process server, int port, String token, String project, int count, Path data)
			throws Exception {
		long before = heapAfterGc(server.pid());
		Files.writeString(data.resolve("class-histogram-before.txt"),
				run("jcmd", Long.toString(server.pid()), "GC.class_histogram"));
		long t0 = System.nanoTime();
		int helperCount = (count > 10_000) ? count / 2 : 0;
		Process helper = null;
		long heldByHelper = 0;
		List<Sub> subs = List.of();
		try {
			if (helperCount > 0) {
				helper = new ProcessBuilder("java", "-Xmx3g", Path.of("bench", "Bench.java").toString(), "idle-client",
						Integer.toString(port), token, project, Integer.toString(helperCount))
					.redirectError(ProcessBuilder.Redirect.INHERIT)
					.start();
				String line = new java.io.BufferedReader(new java.io.InputStreamReader(helper.getInputStream()))
					.readLine();
				heldByHelper = Long.parseLong(line.substring(line.indexOf(' ') + 1).trim());
			}
			subs = openIdle(port, token, project, count - helperCount);
			long opened = heldByHelper + held(subs);
			Thread.sleep(2000);
			long after = heapAfterGc(server.pid());
			System.out.println();
			System.out.printf(Locale.ROOT,
					"Idle subscriptions held by one instance: %d of %d (opened in %.1f s, %d by a second client process); "
							+ "server heap after GC %d MB -> %d MB, %.1f KB per subscription%n",
					opened, count, (System.nanoTime() - t0) / 1e9, heldByHelper, before >> 20, after >> 20,
					(after - before) / 1024.0 / Math.max(1, opened));
			Path histogram = data.resolve("class-histogram.txt");
			Files.writeString(histogram, run("jcmd", Long.toString(server.pid()), "GC.class_histogram"));
			System.out.println("Server class histogram with the subscriptions open: " + histogram);
		}
		finally {
			for (Sub sub : subs) {
				sub.close();
			}
			if (helper != null) {
				helper.getOutputStream().close();
				if (!helper.waitFor(60, TimeUnit.SECONDS)) {
					helper.destroy();
				}
			}
		}
	}

	/** A second client process: opens its share, reports it, holds it until told. */
	static void idleClient(int port, String token, String project, int count) throws Exception {
		List<Sub> subs = openIdle(port, token, project, count);
		System.out.println("held " + held(subs));
		System.out.flush();
		while (System.in.read() != -1) {
			// held until the parent closes our input
		}
		for (Sub sub : subs) {
			sub.close();
		}
	}

	static List<Sub> openIdle(int port, String token, String project, int count) {
		List<Sub> subs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			try {
				subs.add(Sub.open(port, token, "subscription { milestoneChanged(projectId: \\\"" + project
						+ "\\\") { status } }", (text, at) -> {
						}));
			}
			catch (Exception ex) {
				System.err.println("stopped opening at " + i + ": " + ex);
				break;
			}
		}
		return subs;
	}

	static long held(List<Sub> subs) {
		long held = 0;
		for (Sub sub : subs) {
			try {
				sub.subscribed.get(60, TimeUnit.SECONDS);
				held++;
			}
			catch (Exception ex) {
				// counted as not held
			}
		}
		return held;
	}

	static long heapAfterGc(long pid) throws Exception {
		run("jcmd", Long.toString(pid), "GC.run");
		String info = run("jcmd", Long.toString(pid), "GC.heap_info");
		return Long.parseLong(find(Pattern.compile("used (\\d+)K"), info)) * 1024;
	}

	static String run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes());
		process.waitFor();
		return out;
	}

	static long pct(List<Long> sorted, int p) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
	}

	static double ms(long nanos) {
		return nanos / 1e6;
	}

	static String id(String json) {
		return find(Pattern.compile("\"id\":\"([^\"]+)\""), json);
	}

	static List<String> ids(String json) {
		List<String> ids = new ArrayList<>();
		Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(json);
		while (m.find()) {
			ids.add(m.group(1));
		}
		return ids;
	}

	static String find(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("no " + pattern + " in " + text);
		}
		return m.group(1);
	}

	interface OnEvent {

		void accept(String text, long receivedAtNanos);

	}

	/** One graphql-transport-ws socket with one subscription. */
	static final class Sub implements WebSocket.Listener {

		final CompletableFuture<Void> subscribed = new CompletableFuture<>();

		final OnEvent onEvent;

		final String query;

		final StringBuilder partial = new StringBuilder();

		WebSocket socket;

		Sub(String query, OnEvent onEvent) {
			this.query = query;
			this.onEvent = onEvent;
		}

		static Sub open(int port, String token, String query, OnEvent onEvent) throws Exception {
			Sub sub = new Sub(query, onEvent);
			sub.socket = http.newWebSocketBuilder()
				.subprotocols("graphql-transport-ws")
				.buildAsync(URI.create("ws://localhost:" + port + "/graphql"), sub)
				.get(30, TimeUnit.SECONDS);
			sub.socket.sendText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + token + "\"}}",
					true);
			return sub;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			long at = System.nanoTime();
			this.partial.append(data);
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				if (text.contains("connection_ack")) {
					webSocket.sendText("{\"id\":\"1\",\"type\":\"subscribe\",\"payload\":{\"query\":\"" + this.query + "\"}}",
							true);
					// The server registers the subscription as it handles this frame; a short
					// settle time in the caller covers the gap.
					this.subscribed.complete(null);
				}
				else if (text.contains("\"next\"")) {
					this.onEvent.accept(text, at);
				}
				else if (text.contains("\"ping\"")) {
					webSocket.sendText("{\"type\":\"pong\"}", true);
				}
			}
			webSocket.request(1);
			return null;
		}

		void close() {
			this.socket.abort();
		}

	}

}
