/**
 * Tenants: their files in tenants/, validated at start, and their rows in the database.
 */
@NullMarked
package io.portico.tenant;

import org.jspecify.annotations.NullMarked;
