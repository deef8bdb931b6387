/**
 * event
 */
@NullMarked
package io.portico.event;

import org.jspecify.annotations.NullMarked;
