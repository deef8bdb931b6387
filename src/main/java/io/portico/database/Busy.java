package io.portico.database;

import io.r2dbc.spi.R2dbcTimeoutException;

/**
 * Whether a failure means the pool had no connection to give within
 * {@code spring.r2dbc.pool.max-acquire-time}: the service is too busy for this request
 * now, which is no fault of the request, and the caller should retry shortly.
 */
public final class Busy {

	private Busy() {
	}

	public static boolean isBusy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// The pool raises exactly this class; drivers raise subclasses of it for a
			// statement cancelled by statement_timeout, which is not a busy pool.
			if (cause.getClass() == R2dbcTimeoutException.class) {
				return true;
			}
		}
		return false;
	}

}
