/**
 * demo
 */
@NullMarked
package io.portico.demo;

import org.jspecify.annotations.NullMarked;
