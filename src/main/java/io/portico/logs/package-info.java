/**
 * Every line Portico logs while serving a request names the tenant and the execution it
 * belongs to, in the MDC keys {@code tenant} and {@code execution}; Spring Boot's
 * structured logging ({@code logging.structured.format.console=ecs}) writes them as JSON
 * fields. The execution is the request's id, which Spring's own lines carry as their
 * {@code [id]} prefix, and the reference an internal error shows the caller.
 *
 * <pre>
 * HTTP request ─► LogReferenceFilter: a LogReference (execution = the request's id)
 *                 into the Reactor context, before security runs
 *              ─► TenantTokenAuthenticationManager names its tenant once the token is verified
 *              ─► ExecutionLogReference: the same reference into the GraphQL context
 * socket operation ─► ExecutionLogReference: its own reference (socket + operation id,
 *                     the socket viewer's tenant), also the graphql-java execution id
 *
 * a log line ─► RequestLog.in(context, ...) ─► MDC for exactly that line
 * </pre>
 */
@NullMarked
package io.portico.logs;

import org.jspecify.annotations.NullMarked;
