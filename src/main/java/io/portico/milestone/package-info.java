/**
 * Milestones: the workflow and its rules, sign-offs, and the schedule (forecast, health,
 * progress).
 */
@NullMarked
package io.portico.milestone;

import org.jspecify.annotations.NullMarked;
