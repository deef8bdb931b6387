package io.portico.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bearer token is read exactly as Spring Security's converter reads it: every header
 * here gets the same token, or the same refusal, from both.
 */
class BearerTokensTests {

	@Test
	void readsEveryHeaderAsSpringSecurityDoes() {
		List<String> headers = List.of("Bearer abc.DEF-ghi_~+/9", "bearer abc", "BEARER abc==", "Bearer abc=",
				"Bearer abc=d", "Bearer ", "Bearer", "Bearerabc", "Bearer  abc", "Bearer abc ", "Bearer a b",
				"Bearer ab\u00e9", "Basic dXNlcjpwYXNz", "Token abc", "", "Bear", "Bearer =", "Bearer abc\t");
		for (String header : headers) {
			assertThat(outcome(new BearerTokens(), header)).as(header)
				.isEqualTo(outcome(new ServerBearerTokenAuthenticationConverter(), header));
		}
		assertThat(outcome(new BearerTokens(), null)).isEqualTo("none");
	}

	private static String outcome(
			org.springframework.security.web.server.authentication.ServerAuthenticationConverter converter,
			@org.jspecify.annotations.Nullable String header) {
		MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/graphql");
		if (header != null) {
			request.header(HttpHeaders.AUTHORIZATION, header);
		}
		try {
			return converter.convert(MockServerWebExchange.from(request))
				.map((token) -> "token " + ((BearerTokenAuthenticationToken) token).getToken())
				.defaultIfEmpty("none")
				.block();
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getDescription();
		}
	}

}
