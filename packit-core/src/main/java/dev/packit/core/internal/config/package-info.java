/**
 * Implementation of the {@code .packit.yaml} loader: safe YAML composition, binding, inheritance.
 * Not exported; use {@link dev.packit.core.config.PackitConfigLoader}.
 */
@NullMarked
package dev.packit.core.internal.config;

import org.jspecify.annotations.NullMarked;
