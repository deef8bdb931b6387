package io.portico.database;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Values written into a statement's text, for PostgreSQL's simple protocol, which has no
 * parameters. Only types whose text this class writes itself are accepted, each with its
 * type named, so no value can end its literal or change the statement around it.
 */
final class Literals {

	private Literals() {
	}

	static String of(@Nullable Object value) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof UUID uuid) {
			return "'" + uuid + "'::uuid";
		}
		if (value instanceof Integer || value instanceof Long) {
			// In parentheses when negative: "x -" followed by "-1" would start a comment.
			long number = ((Number) value).longValue();
			return (number < 0) ? "(" + number + ")" : Long.toString(number);
		}
		if (value instanceof Boolean bool) {
			return bool.toString();
		}
		if (value instanceof String text) {
			return text(text);
		}
		if (value instanceof OffsetDateTime time) {
			return "'" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time) + "'::timestamptz";
		}
		if (value instanceof LocalDate date) {
			return "'" + DateTimeFormatter.ISO_LOCAL_DATE.format(date) + "'::date";
		}
		if (value instanceof String[] texts) {
			return array(Stream.of(texts).map(Literals::text), "text");
		}
		if (value instanceof UUID[] uuids) {
			return array(Stream.of(uuids).map(Literals::of), "uuid");
		}
		throw new IllegalArgumentException("No literal for a " + value.getClass().getName());
	}

	/**
	 * A text literal. Quoted as it is when it holds no quote, backslash or control
	 * character, so it reads the same whatever {@code standard_conforming_strings} says;
	 * otherwise hex-encoded.
	 */
	static String text(String value) {
		if (value.chars().allMatch((c) -> c >= ' ' && c != '\'' && c != '\\' && c != 0x7f)) {
			return "'" + value + "'";
		}
		return "convert_from(decode('" + HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8))
				+ "', 'hex'), 'UTF8')";
	}

	private static String array(Stream<String> elements, String type) {
		return elements.collect(Collectors.joining(", ", "ARRAY[", "]::" + type + "[]"));
	}

}
