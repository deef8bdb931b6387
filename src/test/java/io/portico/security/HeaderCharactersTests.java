package io.portico.security;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Header names and values are allowed exactly when Spring Security's strict firewall
 * allows them: every character below U+0100, and strings of awkward ones beyond, get the
 * same answer from both.
 */
class HeaderCharactersTests {

	@Test
	void allowsWhatSpringSecurityAllows() {
		List<String> texts = new ArrayList<>(List.of("", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "a\tb", "\t",
				"caf\u00e9", "\ud83c\udfe0 house", "\ud83c", "x\udfe0", "\u0378", "\u200b", "\u2028", "\ufeff",
				"\uffff", "\ue000", "\udb80\udc00", "\u0085", "line\r\nbreak", "\u0000", "ok\u007f"));
		for (char c = 0; c < 0x100; c++) {
			texts.add("a" + c + "b");
		}
		for (String text : texts) {
			assertThat(HeaderCharacters.allowedName(text)).as(escaped(text))
				.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_NAMES.test(text));
			assertThat(HeaderCharacters.allowedValue(text)).as(escaped(text))
				.isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
		}
	}

	private static String escaped(String text) {
		StringBuilder escaped = new StringBuilder();
		text.chars().forEach((c) -> escaped.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", c) : (char) c));
		return escaped.toString();
	}

}
