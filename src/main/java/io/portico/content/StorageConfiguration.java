package io.portico.content;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where new uploads go: PostgreSQL by default, S3-compatible storage once
 * {@code portico.storage.s3.bucket} is set. Versions keep the name of the store that
 * holds them, so switching stores leaves earlier versions readable where they are.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
class StorageConfiguration {

	@Bean
	@ConditionalOnProperty(prefix = "portico.storage.s3", name = "bucket")
	S3ContentStore s3ContentStore(S3Properties properties) {
		return new S3ContentStore(S3ContentStore.client(properties), properties.bucket());
	}

	/** The stores by name, and the one new uploads go to. */
	record Stores(ContentStore active, java.util.Map<String, ContentStore> byName) {

		ContentStore named(String name) {
			ContentStore store = this.byName.get(name);
			if (store == null) {
				throw new IllegalStateException("A version is stored in '" + name + "', which is not configured");
			}
			return store;
		}

	}

	@Bean
	Stores contentStores(PostgresContentStore postgres, @Nullable S3ContentStore s3) {
		java.util.Map<String, ContentStore> byName = new java.util.HashMap<>();
		byName.put(postgres.name(), postgres);
		if (s3 != null) {
			byName.put(s3.name(), s3);
		}
		return new Stores((s3 != null) ? s3 : postgres, byName);
	}

}
