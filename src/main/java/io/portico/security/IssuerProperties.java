package io.portico.security;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Portico's own token issuer.
 *
 * @param privateKey a PKCS#8 PEM RSA private key to sign with; when absent a key is
 * generated on first start and kept in the data directory
 * @param demoTokenTtl how long demo tokens live
 */
@ConfigurationProperties("portico.issuer")
public record IssuerProperties(@Nullable String privateKey, @DefaultValue("8h") Duration demoTokenTtl) {
}
