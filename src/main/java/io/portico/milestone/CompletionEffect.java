package io.portico.milestone;

import reactor.core.publisher.Mono;

/**
 * Something a feature does when a milestone completes: issue its invoice, lock the scope,
 * release documents, hand off, complete the project. Each effect is a bean; they run in
 * their {@code @Order}, inside the completing transaction, after the milestone's own
 * change and event, and append their own events. A failing effect rolls back the
 * completion and every other effect with it.
 *
 * <p>
 * The fixed order, so that events reach portals in it:
 *
 * <pre>
 * 100 invoices issued      (billing)
 * 200 scope locked         (milestone)
 * 300 documents unlocked   (milestone, over the document feature)
 * 400 handed off, notified (handoff)
 * 500 project completed    (project)
 * </pre>
 *
 * Effects run with the completing viewer's lens: one that must reach past it (a CLIENT
 * cannot see a scheduled invoice or an internal team) does so through a database function
 * that touches only what the milestone names.
 */
@FunctionalInterface
public interface CompletionEffect {

	int INVOICES = 100;

	int SCOPE = 200;

	int DOCUMENTS = 300;

	int HANDOFF = 400;

	int PROJECT = 500;

	Mono<Void> apply(Completion completion);

}
