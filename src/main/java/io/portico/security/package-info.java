/**
 * Who is calling: tokens verified against the issuers each tenant trusts, and Portico's
 * own issuer.
 */
@NullMarked
package io.portico.security;

import org.jspecify.annotations.NullMarked;
