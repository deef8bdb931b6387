package io.portico.tenant;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The tenants this instance serves, read from {@code tenants/} at start and validated
 * before anything else uses them. A broken file stops the service.
 */
@Component
public class TenantRegistry {

	private static final Log logger = LogFactory.getLog(TenantRegistry.class);

	private static final YAMLMapper yaml = YAMLMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// Rule words read as written in the issue and docs: "criteria: advisory".
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.build();

	private final Map<String, Tenant> bySlug;

	private final Map<UUID, Tenant> byId;

	@Autowired
	TenantRegistry(TenantProperties properties) {
		this(load(properties.dir(), properties.builtInIssuer()));
	}

	TenantRegistry(List<Tenant> tenants) {
		this.bySlug = tenants.stream()
			.collect(Collectors.toMap(Tenant::slug, (t) -> t, (a, b) -> a, LinkedHashMap::new));
		this.byId = tenants.stream().collect(Collectors.toMap(Tenant::id, (t) -> t));
	}

	static List<Tenant> load(Path dir, String builtInIssuer) {
		if (!Files.isDirectory(dir)) {
			throw new TenantConfigException(dir.toString(), "portico.tenants.dir",
					"is not a directory; set PORTICO_TENANTS_DIR to the folder of tenant files");
		}
		List<Path> files;
		try (Stream<Path> list = Files.list(dir)) {
			files = list.filter((p) -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (files.isEmpty()) {
			throw new TenantConfigException(dir.toString(), "portico.tenants.dir", "holds no tenant files (*.yaml)");
		}
		Map<String, Tenant> tenants = new LinkedHashMap<>();
		for (Path file : files) {
			Tenant tenant = parse(file, builtInIssuer);
			Tenant previous = tenants.putIfAbsent(tenant.slug(), tenant);
			if (previous != null) {
				throw new TenantConfigException(file.toString(), "slug",
						"'" + tenant.slug() + "' is already used by " + previous.source());
			}
		}
		logger.info("Loaded " + tenants.size() + " tenants from " + dir.toAbsolutePath() + ": "
				+ String.join(", ", tenants.keySet()));
		return List.copyOf(tenants.values());
	}

	static Tenant parse(Path file, String builtInIssuer) {
		TenantConfig config;
		try {
			config = yaml.readValue(file.toFile(), TenantConfig.class);
		}
		catch (JacksonException ex) {
			throw new TenantConfigException(file.toString(), path(ex), ex.getOriginalMessage());
		}
		if (config == null) {
			throw new TenantConfigException(file.toString(), "(file)", "is empty");
		}
		new TenantConfigValidator(file.toString(), builtInIssuer).validate(config);
		return new Tenant(Tenant.idOf(config.slug()), config, file.toString());
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return (path.length() > 0) ? path.toString() : "(file)";
	}

	public Collection<Tenant> all() {
		return this.bySlug.values();
	}

	public Optional<Tenant> bySlug(String slug) {
		return Optional.ofNullable(this.bySlug.get(slug));
	}

	public Tenant byId(UUID id) {
		Tenant tenant = this.byId.get(id);
		if (tenant == null) {
			throw new IllegalStateException("No tenant " + id + " is loaded");
		}
		return tenant;
	}

	/** Tenants that list the issuer among those they trust. */
	public List<Tenant> trusting(String issuer) {
		return this.bySlug.values()
			.stream()
			.filter((t) -> t.config().issuers().stream().anyMatch((i) -> i.issuer().equals(issuer)))
			.toList();
	}

}
