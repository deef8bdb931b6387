package io.portico.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import software.amazon.awssdk.services.s3.S3Client;

import static org.awaitility.Awaitility.await;

/**
 * A real S3 API server for tests: S3Proxy over an in-memory store, run as a process of
 * its own from the jar the build copies to {@code target/s3proxy}, stopped with the JVM.
 */
final class S3Proxy {

	static final String ACCESS_KEY = "portico";

	static final String SECRET_KEY = "portico-secret";

	private static S3Proxy running;

	final URI endpoint;

	private S3Proxy(URI endpoint) {
		this.endpoint = endpoint;
	}

	/** The one server of this test run, started on first use. */
	static synchronized S3Proxy get() {
		if (running == null) {
			running = start();
		}
		return running;
	}

	/** A client of it, and the bucket, created if need be. */
	S3Client client(String bucket) {
		S3Client s3 = S3ContentStore.client(properties(bucket));
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
			if (s3.listBuckets().buckets().stream().noneMatch((b) -> b.name().equals(bucket))) {
				s3.createBucket((r) -> r.bucket(bucket));
			}
			return true;
		});
		return s3;
	}

	S3Properties properties(String bucket) {
		return new S3Properties(bucket, this.endpoint, "us-east-1", ACCESS_KEY, SECRET_KEY, true);
	}

	private static S3Proxy start() {
		try {
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Path conf = Files.createTempFile(Files.createDirectories(Path.of("target", "s3proxy")), "s3proxy-",
					".conf");
			Files.writeString(conf, """
					s3proxy.endpoint=http://127.0.0.1:%d
					s3proxy.authorization=aws-v2-or-v4
					s3proxy.identity=%s
					s3proxy.credential=%s
					jclouds.provider=transient
					jclouds.identity=%s
					jclouds.credential=%s
					""".formatted(port, ACCESS_KEY, SECRET_KEY, ACCESS_KEY, SECRET_KEY));
			Path java = Path.of(System.getProperty("java.home"), "bin", "java");
			Process process = new ProcessBuilder(java.toString(), "-jar",
					Path.of("target", "s3proxy", "s3proxy.jar").toString(), "--properties", conf.toString())
				.redirectErrorStream(true)
				.redirectOutput(conf.resolveSibling(conf.getFileName() + ".log").toFile())
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
			return new S3Proxy(URI.create("http://127.0.0.1:" + port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
