/**
 * security
 */
@NullMarked
package io.portico.security;

import org.jspecify.annotations.NullMarked;
