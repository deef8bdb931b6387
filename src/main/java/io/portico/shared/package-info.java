/**
 * The few types every feature uses: the verified viewer, the failure family, input checks
 * and pages.
 */
@NullMarked
package io.portico.shared;

import org.jspecify.annotations.NullMarked;
