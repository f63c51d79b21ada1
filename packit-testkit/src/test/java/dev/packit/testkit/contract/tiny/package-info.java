/**
 * A sample third-party forge, defined only in test code: the proof that the forge set is open. It
 * speaks a Gitea-style API with nothing but the public SPI ({@code dev.packit.forge.spi}) and is
 * registered through this module's test {@code META-INF/services} file.
 */
package dev.packit.testkit.contract.tiny;
