/**
 * Implementation of the {@code .packit.yaml} loader: safe YAML composition, binding, inheritance.
 * Not exported; use {@link dev.packit.core.config.PackitConfigLoader}.
 */
package dev.packit.core.internal.config;
