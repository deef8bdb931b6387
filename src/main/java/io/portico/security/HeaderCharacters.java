package io.portico.security;

/**
 * The characters Spring Security's strict firewall allows in header names and values
 * (assigned code points, no ISO control character; a value may hold a tab), checked in
 * one pass over the string instead of with its regular expressions.
 *
 * <p>
 * Why: the firewall checks a header each time it is read, and the bearer token's hundreds
 * of characters went through a Unicode character class each time, 4.5 % of the simple
 * query's JVM CPU (JFR, issue 7). {@code HeaderCharactersTests} holds the answers to
 * Spring Security's own.
 */
final class HeaderCharacters {

	private HeaderCharacters() {
	}

	static boolean allowedName(String name) {
		return allowed(name, false);
	}

	static boolean allowedValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String text, boolean tab) {
		int length = text.length();
		for (int i = 0; i < length;) {
			char c = text.charAt(i);
			if (c < 0x80) {
				if ((c < 0x20 && !(tab && c == '\t')) || c == 0x7f) {
					return false;
				}
				i++;
				continue;
			}
			int codePoint = text.codePointAt(i);
			if (!Character.isDefined(codePoint) || Character.isISOControl(codePoint)) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	}

}
