package io.portico.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.portico.database.PorticoProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The RSA key Portico signs its own tokens with. Given by configuration, or generated on
 * first start and kept in the data directory so tokens survive a restart.
 */
@Component
class SigningKeys {

	private static final Log logger = LogFactory.getLog(SigningKeys.class);

	private final RSAPrivateCrtKey privateKey;

	private final RSAPublicKey publicKey;

	private final String keyId;

	SigningKeys(IssuerProperties issuer, PorticoProperties portico) {
		this.privateKey = (issuer.privateKey() != null) ? parse(issuer.privateKey())
				: loadOrGenerate(portico.dataDir().resolve("keys").resolve("portico-signing-key.pem"));
		try {
			this.publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(
						new RSAPublicKeySpec(this.privateKey.getModulus(), this.privateKey.getPublicExponent()));
			this.keyId = new RSAKey.Builder(this.publicKey).build().computeThumbprint().toString();
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("Cannot derive the public signing key", ex);
		}
	}

	RSAPrivateCrtKey privateKey() {
		return this.privateKey;
	}

	RSAPublicKey publicKey() {
		return this.publicKey;
	}

	String keyId() {
		return this.keyId;
	}

	/** The public JWK Set other services verify Portico's tokens with. */
	Map<String, Object> jwks() {
		return new com.nimbusds.jose.jwk.JWKSet(new RSAKey.Builder(this.publicKey).keyID(this.keyId)
			.algorithm(com.nimbusds.jose.JWSAlgorithm.RS256)
			.keyUse(com.nimbusds.jose.jwk.KeyUse.SIGNATURE)
			.build()).toJSONObject(true);
	}

	private static RSAPrivateCrtKey loadOrGenerate(Path file) {
		try {
			if (Files.exists(file)) {
				return parse(Files.readString(file));
			}
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			Files.createDirectories(file.getParent());
			String pem = "-----BEGIN PRIVATE KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(pair.getPrivate().getEncoded())
					+ "\n-----END PRIVATE KEY-----\n";
			Files.writeString(file, pem);
			try {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system; the data directory's own permissions apply
			}
			logger.info("Generated Portico's signing key in " + file.toAbsolutePath());
			return (RSAPrivateCrtKey) pair.getPrivate();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static RSAPrivateCrtKey parse(String pem) {
		String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
		try {
			return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (GeneralSecurityException | IllegalArgumentException | ClassCastException ex) {
			throw new IllegalStateException("portico.issuer.private-key is not a PKCS#8 PEM RSA private key", ex);
		}
	}

}
