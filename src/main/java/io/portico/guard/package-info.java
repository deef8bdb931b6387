/**
 * What a caller may ask of one instance: the shape and cost of an operation, the rate at
 * which a viewer and a tenant spend cost, and the subscriptions held open. Everything is
 * decided before the operation runs, so a refusal costs neither a database connection nor
 * a place in shared delivery.
 *
 * <pre>
 * request ─► QueryGuard (first interceptor)
 *              parse (ParsedDocuments, parser limits) ── over ─► QUERY_TOO_LARGE
 *              QueryShape.measure: depth, fields, cost ── over ─► QUERY_TOO_DEEP,
 *                                                                 TOO_MANY_FIELDS, QUERY_TOO_COSTLY
 *              SubscriptionCaps (subscriptions only) ─── full ─► TOO_MANY_SUBSCRIPTIONS
 *              RateLimits: viewer's and tenant's bucket ─ empty ► RATE_LIMITED (HTTP 429, Retry-After)
 *            ─► the rest of the chain ─► answer with extensions.cost
 * </pre>
 *
 * Limits come from {@code portico.limits.*}, each replaceable in a tenant's file under
 * {@code limits}. Buckets and counts are kept per instance.
 */
@NullMarked
package io.portico.guard;

import org.jspecify.annotations.NullMarked;
