package io.portico.content;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One upload of a document's content.
 *
 * @param documentId the document
 * @param number 1 for the first upload, then one more for each
 * @param sizeBytes its size
 * @param contentType as detected from its bytes
 * @param sha256 its digest, hex
 * @param uploadedAt when
 * @param uploadedBy who
 */
public record DocumentVersion(UUID documentId, int number, long sizeBytes, String contentType, String sha256,
		OffsetDateTime uploadedAt, String uploadedBy) {
}
