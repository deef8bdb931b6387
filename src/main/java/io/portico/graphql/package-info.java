/**
 * GraphQL plumbing shared by the features: scalars, error mapping and connections.
 */
@NullMarked
package io.portico.graphql;

import org.jspecify.annotations.NullMarked;
