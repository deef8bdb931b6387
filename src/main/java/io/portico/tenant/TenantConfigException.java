package io.portico.tenant;

/**
 * A tenant file that cannot be used. The message names the file, the field and what is
 * wrong, and the service does not start.
 */
public class TenantConfigException extends RuntimeException {

	private final String file;

	private final String field;

	public TenantConfigException(String file, String field, String problem) {
		super(file + ": " + field + ": " + problem);
		this.file = file;
		this.field = field;
	}

	public String file() {
		return this.file;
	}

	public String field() {
		return this.field;
	}

}
