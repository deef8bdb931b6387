/**
 * The embedded PostgreSQL of the default set-up, and the tenant-scoped transaction every
 * feature works in.
 */
@NullMarked
package io.portico.database;

import org.jspecify.annotations.NullMarked;
