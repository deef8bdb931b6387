package io.portico.shared;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks applied to every piece of caller input before anything is written, each failing
 * with a stable {@code BAD_REQUEST} code that names the field.
 */
public final class Inputs {

	/** Names and titles. */
	public static final int NAME_MAX = 200;

	/** Descriptions, notes and reasons. */
	public static final int TEXT_MAX = 4000;

	/**
	 * Keys people choose (template and milestone keys, client account ids, team names):
	 * lower-case letters, digits, '-', '_' and '.', starting with a letter or digit.
	 */
	public static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-_.]{0,62}");

	private Inputs() {
	}

	public static String key(String field, @Nullable String value, String code) {
		if (value == null || !KEY.matcher(value).matches()) {
			throw new PorticoException.Invalid(code,
					"'" + field + "' must be 1-63 lower-case letters, digits, '-', '_' or '.'", field);
		}
		return value;
	}

	public static UUID id(String field, @Nullable String value) {
		if (value != null && value.length() == 36) {
			try {
				return UUID.fromString(value);
			}
			catch (IllegalArgumentException ex) {
				// fall through to the caller-facing error
			}
		}
		throw new PorticoException.Invalid("INVALID_ID", "'" + field + "' is not a valid id", field);
	}

	public static String name(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new PorticoException.Invalid("BLANK_FIELD", "'" + field + "' must not be blank", field);
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw new PorticoException.Invalid("INVALID_CHARACTERS",
					"'" + field + "' must be one line without control characters", field);
		}
		return maxLength(field, value.strip(), NAME_MAX);
	}

	/** The earliest and latest dates a caller may give. */
	public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);

	public static final LocalDate LATEST = LocalDate.of(2200, 12, 31);

	/**
	 * A date in 1900-2200: anything outside is a typo, and would reach date arithmetic
	 * and PostgreSQL as an opaque failure.
	 */
	public static @Nullable LocalDate date(String field, @Nullable LocalDate value) {
		if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
			throw new PorticoException.Invalid("DATE_OUT_OF_RANGE",
					"'" + field + "' must be between " + EARLIEST + " and " + LATEST, field);
		}
		return value;
	}

	/**
	 * Whether text holds a control character other than tab, line feed and carriage
	 * return: NUL cannot be stored in PostgreSQL at all, and the others have no place in
	 * what a portal shows.
	 */
	public static boolean hasControlCharacters(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return true;
			}
		}
		return false;
	}

	public static @Nullable String optionalName(String field, @Nullable String value) {
		return (value != null) ? name(field, value) : null;
	}

	public static @Nullable String text(String field, @Nullable String value) {
		return (value != null) ? maxLength(field, plain(field, value), TEXT_MAX) : null;
	}

	private static String plain(String field, String value) {
		if (hasControlCharacters(value)) {
			throw new PorticoException.Invalid("INVALID_CHARACTERS", "'" + field + "' holds control characters", field);
		}
		return value;
	}

	public static String requiredText(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new PorticoException.Invalid("BLANK_FIELD", "'" + field + "' must not be blank", field);
		}
		return maxLength(field, plain(field, value).strip(), TEXT_MAX);
	}

	private static String maxLength(String field, String value, int max) {
		if (value.length() > max) {
			throw new PorticoException.Invalid("TOO_LONG", "'" + field + "' is longer than " + max + " characters",
					field);
		}
		return value;
	}

	/** An optional http(s) URL, at most 2000 characters. */
	public static @Nullable String url(String field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		String url = maxLength(field, value.strip(), 2000);
		if (!(url.startsWith("https://") || url.startsWith("http://"))
				|| url.chars().anyMatch(Character::isWhitespace)) {
			throw new PorticoException.Invalid("INVALID_URL", "'" + field + "' must be an http(s) URL", field);
		}
		return url;
	}

	public static int pageSize(@Nullable Integer first, int max) {
		if (first == null) {
			return 20;
		}
		if (first < 1 || first > max) {
			throw new PorticoException.Invalid("INVALID_PAGE_SIZE", "'first' must be between 1 and " + max, "first");
		}
		return first;
	}

}
