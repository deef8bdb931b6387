/**
 * Demo mode: demo data seeded once, and the message that tells a newcomer where to start.
 */
@NullMarked
package io.portico.demo;

import org.jspecify.annotations.NullMarked;
