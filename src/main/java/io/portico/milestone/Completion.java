package io.portico.milestone;

import java.time.OffsetDateTime;

import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;

/**
 * A milestone that has just completed, inside the transaction that completed it.
 *
 * @param viewer who completed it (a CLIENT signing off, or staff)
 * @param milestone the milestone, completed
 * @param templateKey the template of its project, whose rules say what completing it does
 * @param at when it completed
 */
public record Completion(Viewer viewer, Milestone milestone, @Nullable String templateKey, OffsetDateTime at) {
}
