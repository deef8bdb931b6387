/**
 * GraphQL plumbing shared by the features: scalars, error mapping, connections, parsed
 * documents kept for reuse, and the read-only transaction a query runs in.
 *
 * <pre>
 * request ─► ReadTransaction (a query: TenantDatabase.read, one snapshot)
 *         ─► io.portico.sqlread (a query it has a plan for) ─► answer
 *         ─► graphql-java with ParsedDocuments ─► controllers ─► ErrorHandling
 * </pre>
 */
@NullMarked
package io.portico.graphql;

import org.jspecify.annotations.NullMarked;
