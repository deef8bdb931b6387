package io.portico.shared;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Only ADMIN and STAFF may call the annotated operation, whatever it is about. Spring
 * Security checks the viewer's role before the method runs; a CLIENT gets
 * {@code NOT_PERMITTED}. Rules that depend on the state of what is changed (who may
 * approve a milestone, who owns it) stay with the feature's workflow.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasAnyRole('ADMIN', 'STAFF')")
public @interface StaffOnly {

}
