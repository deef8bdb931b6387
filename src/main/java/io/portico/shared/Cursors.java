package io.portico.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Opaque page cursors: callers pass them back, never build them. A cursor that does not
 * decode is a bad request, not an empty page.
 */
public final class Cursors {

	private Cursors() {
	}

	public static String encode(String kind, String value) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString((kind + ":" + value).getBytes(StandardCharsets.UTF_8));
	}

	/** The value of a cursor of the given kind, or {@code null} when there is none. */
	public static @Nullable String decode(String kind, @Nullable String cursor) {
		if (cursor == null) {
			return null;
		}
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (raw.startsWith(kind + ":")) {
				return raw.substring(kind.length() + 1);
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through to the caller-facing error
		}
		throw new PorticoException.Invalid("INVALID_CURSOR", "'after' is not a cursor of this list", "after");
	}

}
