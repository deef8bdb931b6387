package io.portico.database;

/**
 * Whether demo conveniences are on: seeded demo projects and the demo token endpoint,
 * which mints a token of any role for any loaded tenant without asking who calls. On by
 * default with the embedded database, off whenever an external database is configured
 * unless {@code portico.demo.enabled=true}. Demo tokens go only to callers on this
 * machine (loopback addresses) unless {@code portico.demo.allow-remote=true}.
 *
 * @param enabled whether demo mode is on
 * @param allowRemote whether callers on other machines may have demo tokens too
 */
public record DemoMode(boolean enabled, boolean allowRemote) {

	/** What demo mode allows, for the warning at start. */
	public String describe() {
		return "Demo mode is on: POST /auth/demo-token issues tokens of every role (ADMIN included) for every tenant to "
				+ (this.allowRemote ? "ANY caller that can reach this port (portico.demo.allow-remote=true)"
						: "callers on this machine (loopback addresses)")
				+ ", and demo projects are seeded. Never run it in production: set portico.demo.enabled=false.";
	}

}
