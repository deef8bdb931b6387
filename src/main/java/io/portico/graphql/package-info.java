/**
 * graphql
 */
@NullMarked
package io.portico.graphql;

import org.jspecify.annotations.NullMarked;
