/**
 * database
 */
@NullMarked
package io.portico.database;

import org.jspecify.annotations.NullMarked;
