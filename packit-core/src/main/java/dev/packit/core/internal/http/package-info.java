/**
 * Implementation of {@code dev.packit.core.http}: the java.net.http transport, the retry and
 * redirect pipeline, body encoders. Not exported; may change at any time.
 */
@NullMarked
package dev.packit.core.internal.http;

import org.jspecify.annotations.NullMarked;
