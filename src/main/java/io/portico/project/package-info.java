/**
 * project
 */
@NullMarked
package io.portico.project;

import org.jspecify.annotations.NullMarked;
