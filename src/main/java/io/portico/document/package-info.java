/**
 * Documents of a project: locked for clients until the milestone they are tied to
 * completes, then unlocked and pushed to open portals.
 */
@NullMarked
package io.portico.document;

import org.jspecify.annotations.NullMarked;
