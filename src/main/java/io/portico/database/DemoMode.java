package io.portico.database;

/**
 * Whether demo conveniences are on: seeded demo projects and the demo token endpoint. On
 * by default with the embedded database, off whenever an external database is configured
 * unless {@code portico.demo.enabled=true}.
 *
 * @param enabled whether demo mode is on
 */
public record DemoMode(boolean enabled) {
}
