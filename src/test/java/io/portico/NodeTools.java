package io.portico;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Reference tools from npm that the tests drive (the graphql-ws client, the graphql-http
 * audit): each one's files copied from {@code src/test/resources/<name>} into
 * {@code target/<name>} and its packages installed once. Tests that use them are skipped
 * where Node or the npm registry is not available.
 */
public final class NodeTools {

	private NodeTools() {
	}

	/**
	 * The tool's directory, ready to run; skips the calling test when it cannot be.
	 * @param name the resource directory and the target directory
	 * @param marker a package whose presence in node_modules means it is installed
	 * @param files the files the tool consists of
	 */
	public static Path install(String name, String marker, String... files) throws IOException {
		assumeTrue(run(List.of("node", "--version"), Path.of(".")) == 0, "Node is not installed");
		Path dir = Path.of("target", name);
		Files.createDirectories(dir);
		for (String file : files) {
			Files.copy(Path.of("src", "test", "resources", name, file), dir.resolve(file),
					StandardCopyOption.REPLACE_EXISTING);
		}
		if (!Files.isDirectory(dir.resolve("node_modules").resolve(marker))) {
			assumeTrue(run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent"), dir) == 0,
					"npm could not install " + marker);
		}
		return dir;
	}

	private static int run(List<String> command, Path dir) {
		try {
			Process process = new ProcessBuilder(command).directory(dir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(180, TimeUnit.SECONDS) ? process.exitValue() : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
