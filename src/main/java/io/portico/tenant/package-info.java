/**
 * tenant
 */
@NullMarked
package io.portico.tenant;

import org.jspecify.annotations.NullMarked;
