/**
 * Queries answered by the database in one statement per root field, the way the resolvers
 * would answer them: the features declare which types are rows of which table, which
 * fields are plain columns and which lists point back at their parent
 * ({@link io.portico.sqlread.SqlReadable}), and a query that selects nothing else is
 * compiled once into SQL that builds each node's JSON. Everything else, and any argument
 * the compiled path is not sure of, goes on to graphql-java and the resolvers.
 *
 * <pre>
 * query ─► QueryGuard ─► SqlAnswers: SqlPlans.plan(document, operation)   compiled once, kept
 *            none ──────► ReadTransaction (one snapshot, tenant scope) ─► graphql-java, resolvers
 *            plan ─► ArgumentValues (variables, defaults)
 *                 ─► SqlRoot.page(arguments, nodeJson)     the feature's own statement:
 *                      SELECT cursor columns, json_build_object(... subqueries ...)
 *                 ─► TenantDatabase.readInOneMessage       every root's page, one message:
 *                      its own read-only transaction, one snapshot, the viewer's scope
 *                 ─► ConnectionShape.write: edges, cursors, pageInfo in Java,
 *                      nodes as the JSON PostgreSQL wrote (RawValue)
 * </pre>
 *
 * Row-level security applies to the statement as to any other, so a CLIENT's answer holds
 * what its resolvers would let it see.
 */
@NullMarked
package io.portico.sqlread;

import org.jspecify.annotations.NullMarked;
