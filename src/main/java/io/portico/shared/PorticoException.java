package io.portico.shared;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The small family of failures a caller is told about. Each carries a stable code and
 * details safe to show; everything else stays opaque to the caller.
 */
public abstract sealed class PorticoException extends RuntimeException {

	private final String code;

	private final Map<String, Object> details;

	PorticoException(String code, String message, Map<String, Object> details) {
		super(message);
		this.code = code;
		this.details = Map.copyOf(details);
	}

	public String code() {
		return this.code;
	}

	public Map<String, Object> details() {
		return this.details;
	}

	/** The thing does not exist, or exists for someone the viewer may not see. */
	public static final class NotFound extends PorticoException {

		public NotFound(String what, String id) {
			super("NOT_FOUND", what + " " + id + " was not found", Map.of("id", id));
		}

	}

	/** The input cannot be accepted as given; nothing was written. */
	public static final class Invalid extends PorticoException {

		public Invalid(String code, String message, @Nullable String field) {
			super(code, message, (field != null) ? Map.of("field", field) : Map.of());
		}

		public Invalid(String code, String message, Map<String, Object> details) {
			super(code, message, details);
		}

	}

	/** The request is valid but conflicts with the current state. */
	public static final class Conflict extends PorticoException {

		public Conflict(String code, String message, Map<String, Object> details) {
			super(code, message, details);
		}

		/**
		 * Optimistic locking: refuses with VERSION_CONFLICT unless the caller expects no
		 * particular version or the one the thing is at.
		 */
		public static void expectVersion(String what, @Nullable Integer expected, int current) {
			if (expected != null && expected != current) {
				throw new Conflict("VERSION_CONFLICT",
						"The " + what + " changed since version " + expected + "; it is now at version " + current,
						Map.of("expectedVersion", expected, "currentVersion", current));
			}
		}

	}

	/** The viewer may see the thing but may not do this to it. */
	public static final class Forbidden extends PorticoException {

		public Forbidden(String code, String message, Map<String, Object> details) {
			super(code, message, details);
		}

	}

	/** The service could not do it now; the same request may succeed later. */
	public static final class Unavailable extends PorticoException {

		public Unavailable(String code, String message, Map<String, Object> details) {
			super(code, message, details);
		}

	}

	/** No verified viewer: never reached through /graphql, which demands a token. */
	public static final class Unauthenticated extends PorticoException {

		public Unauthenticated() {
			super("UNAUTHENTICATED", "A verified token is required", Map.of());
		}

	}

}
