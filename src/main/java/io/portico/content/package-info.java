/**
 * Document content: the bytes of each version of a document, how they get in and out, and
 * who read them. The bytes never travel through GraphQL: GraphQL hands out short-lived
 * signed URLs of this service.
 *
 * <pre>
 * Document.uploadUrl (staff) ──► PUT/POST /files/{token}
 *   SignedUrls.verify ──► one transaction as the signer: document locked
 *   ──► Upload: 256 KiB chunks, SHA-256 and size as they pass, type from the first bytes
 *       (TOO_LARGE, CONTENT_TYPE_NOT_ALLOWED end it: the transaction rolls back)
 *   ──► ContentStore.write (PostgreSQL chunks in the same transaction)
 *   ──► version row, document's current version, DocumentVersionAdded ──► COMMIT
 * Document.downloadUrl ──► GET /files/{token} (Range)
 *   SignedUrls.verify ──► the signer's lens in the database: may it still read this
 *   version? ──► ContentStore.read, a few chunks at a time ──► the response
 *   └─ a CLIENT's download is recorded on the side (never delays the bytes)
 * </pre>
 */
@NullMarked
package io.portico.content;

import org.jspecify.annotations.NullMarked;
