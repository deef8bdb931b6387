package io.portico.content;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.portico.shared.Role;

/**
 * A read receipt: who downloaded which version of a document, when.
 *
 * @param documentId the document
 * @param by who
 * @param role in which role
 * @param at when
 * @param version which version
 */
record DocumentDownload(UUID documentId, String by, Role role, OffsetDateTime at, int version) {
}
