package io.portico.content;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * S3-compatible storage for document content, used for new uploads once a bucket is set;
 * versions stored in PostgreSQL before stay readable there.
 *
 * @param bucket the bucket; S3 storage is off without one
 * @param endpoint the service's URL, for S3-compatible stores (MinIO, Ceph, R2); AWS when
 * unset
 * @param region the region
 * @param accessKey the service's own access key (the default AWS credential chain when
 * unset)
 * @param secretKey its secret
 * @param pathStyle address buckets by path ({@code endpoint/bucket/key}), as most
 * S3-compatible stores want
 */
@ConfigurationProperties("portico.storage.s3")
record S3Properties(@Nullable String bucket, @Nullable URI endpoint, @DefaultValue("us-east-1") String region,
		@Nullable String accessKey, @Nullable String secretKey, @DefaultValue("true") boolean pathStyle) {
}
