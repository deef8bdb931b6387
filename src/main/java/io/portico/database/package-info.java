/**
 * The embedded PostgreSQL of the default set-up, the tenant-scoped transaction every
 * feature works in, and the event loops its connections share with the web server.
 *
 * <pre>
 * TenantDatabase.readInOneMessage(viewer, statements)   a query the database answers
 *   ─► a pooled connection: SET TRANSACTION REPEATABLE READ, READ ONLY;
 *        SELECT set_config(…); the statements, values as literals (SqlValues)
 *        one message, which PostgreSQL runs as one transaction
 * TenantDatabase.read(viewer, query)      any other query, one snapshot
 *   ─► R2dbcTransactionManager ─► ScopedConnections
 *        BEGIN READ ONLY …; SELECT set_config(tenant, client account, role)   one message
 *   ─► the query's statements (DatabaseClient, the same connection) ─► COMMIT
 * TenantDatabase.one / many(viewer, work)  a mutation, a subscription's read
 *   ─► BEGIN ─► set_config(…) ─► work ─► COMMIT   (joins a transaction already open)
 * </pre>
 */
@NullMarked
package io.portico.database;

import org.jspecify.annotations.NullMarked;
