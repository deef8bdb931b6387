package io.portico.milestone;

import java.time.OffsetDateTime;

import io.portico.document.DocumentService;
import io.portico.event.EventLog;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The milestone feature's own completion effects: the scope lock, and releasing the
 * documents the milestone kept locked.
 */
@Configuration(proxyBeanMethods = false)
class CompletionEffects {

	/**
	 * A milestone that locks scope locks its project's scope, once: a later locking
	 * milestone finds it locked and records nothing.
	 */
	@Bean
	@Order(CompletionEffect.SCOPE)
	static CompletionEffect scopeLock(MilestoneRepository repository, EventLog events) {
		return (completion) -> {
			Milestone milestone = completion.milestone();
			if (!milestone.locksScope()) {
				return Mono.empty();
			}
			OffsetDateTime at = completion.at();
			return repository.lockScope(completion.viewer(), milestone.projectId(), milestone.id(), at)
				.filter(Boolean::booleanValue)
				.flatMap((locked) -> events.append(completion.viewer(),
						new ScopeLocked(ScopeLocked.UNASSIGNED, milestone.projectId(), milestone.id(),
								completion.viewer().subject(), at)))
				.then();
		};
	}

	/** Completing a milestone unlocks its documents; each unlock is an event. */
	@Bean
	@Order(CompletionEffect.DOCUMENTS)
	static CompletionEffect documentRelease(DocumentService documents) {
		return (completion) -> documents.unlock(completion.viewer(), completion.milestone().id());
	}

}
