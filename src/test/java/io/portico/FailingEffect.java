package io.portico;

import io.portico.milestone.CompletionEffect;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * A completion effect that fails, injected for tests: it runs after the invoices, the
 * scope lock and the documents (and before handoffs), and fails only for a milestone a
 * test renamed to {@link #NAME}, so that the test can show every effect rolled back.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FailingEffect {

	public static final String NAME = "Fails on completion";

	@Bean
	@Order(CompletionEffect.DOCUMENTS + 50)
	CompletionEffect failingEffect() {
		return (completion) -> NAME.equals(completion.milestone().name())
				? Mono.error(new IllegalStateException("Injected failure of a completion effect")) : Mono.empty();
	}

}
