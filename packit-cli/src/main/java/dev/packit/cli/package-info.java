/**
 * The {@code packit} command line: {@link dev.packit.cli.PackitCommand} and its subcommands.
 */
@NullMarked
package dev.packit.cli;

import org.jspecify.annotations.NullMarked;
