package io.portico.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;

/**
 * Role rules on GraphQL operations ({@code @StaffOnly}) are checked by Spring Security
 * against the authorities of the verified token, before the operation runs.
 */
@Configuration(proxyBeanMethods = false)
@EnableReactiveMethodSecurity
class MethodSecurityConfiguration {

}
