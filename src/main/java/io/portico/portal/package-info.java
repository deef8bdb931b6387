/**
 * The viewer and the tenant's portal as the viewer sees it.
 */
@NullMarked
package io.portico.portal;

import org.jspecify.annotations.NullMarked;
