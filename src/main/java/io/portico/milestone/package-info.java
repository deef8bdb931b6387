/**
 * milestone
 */
@NullMarked
package io.portico.milestone;

import org.jspecify.annotations.NullMarked;
