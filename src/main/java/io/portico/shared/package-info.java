/**
 * shared
 */
@NullMarked
package io.portico.shared;

import org.jspecify.annotations.NullMarked;
