package io.portico.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * After the JVM is killed, the embedded postmaster it started keeps running and holds
 * postmaster.pid, which would block the next start. Stop it first.
 */
final class StalePostmaster {

	private static final Log logger = LogFactory.getLog(StalePostmaster.class);

	private StalePostmaster() {
	}

	static void stopIfOrphaned(Path cluster) throws IOException {
		Path pidFile = cluster.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile);
		if (lines.isEmpty()) {
			Files.deleteIfExists(pidFile);
			return;
		}
		long pid = Long.parseLong(lines.get(0).strip());
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		if (process.isPresent() && process.get().info().command().orElse("").contains("postgres")) {
			logger.warn("Stopping orphaned embedded PostgreSQL (pid " + pid + ") left by an earlier run");
			process.get().destroy();
			try {
				process.get().onExit().get();
			}
			catch (Exception ex) {
				throw new IOException("Could not stop orphaned PostgreSQL pid " + pid, ex);
			}
		}
		Files.deleteIfExists(pidFile);
	}

}
