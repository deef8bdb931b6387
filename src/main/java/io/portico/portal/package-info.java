/**
 * portal
 */
@NullMarked
package io.portico.portal;

import org.jspecify.annotations.NullMarked;
