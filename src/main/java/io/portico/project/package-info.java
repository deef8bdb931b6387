/**
 * Projects and client accounts: creation from a tenant's templates, listing, and the
 * fields that hang off a project.
 */
@NullMarked
package io.portico.project;

import org.jspecify.annotations.NullMarked;
