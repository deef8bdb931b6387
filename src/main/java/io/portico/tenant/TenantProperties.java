package io.portico.tenant;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where tenant files are read from.
 *
 * @param dir the directory holding one YAML file per tenant
 * @param builtInIssuer the {@code iss} of tokens Portico signs itself
 */
@ConfigurationProperties("portico.tenants")
public record TenantProperties(@DefaultValue("tenants") Path dir, @DefaultValue("portico") String builtInIssuer) {
}
